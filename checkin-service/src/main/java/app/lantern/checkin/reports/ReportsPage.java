package app.lantern.checkin.reports;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;

import app.lantern.checkin.programmes.Programmes;
import app.lantern.checkin.programmes.StaffAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The console's reports ({@code /reports}): a month of a programme the signed-in ADMIN or administrator runs. */
@Controller
class ReportsPage {

	private final ReportController reports;

	private final Programmes programmes;

	private final StaffAuthority authority;

	private final Clock clock;

	ReportsPage(ReportController reports, Programmes programmes, StaffAuthority authority, Clock clock) {
		this.clock = clock;
		this.reports = reports;
		this.programmes = programmes;
		this.authority = authority;
	}

	@GetMapping("/reports")
	String page(@RequestParam(required = false) String programme, @RequestParam(required = false) String month,
			Model model) {
		List<Programmes.Programme> runs = programmes.all().stream()
			.filter(p -> authority.isAdmin()
					|| (authority.isProgrammeAdmin() && authority.managedProgrammes().contains(p.id())))
			.toList();
		model.addAttribute("programmes", runs);
		if (!runs.isEmpty()) {
			Programmes.Programme shownProgramme = runs.stream().filter(p -> p.id().equals(programme)).findFirst()
				.orElse(runs.get(0));
			String id = shownProgramme.id();
			String shown = month == null ? YearMonth.now(clock.withZone(shownProgramme.timezone())).toString() : month;
			model.addAttribute("report", reports.of(id, shown));
			model.addAttribute("programme", id);
			model.addAttribute("month", shown);
		}
		return "console/reports";
	}
}
