package app.lantern.checkin.reports;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;

import app.lantern.checkin.console.Words;
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

	private final Words words;

	ReportsPage(ReportController reports, Programmes programmes, StaffAuthority authority, Clock clock, Words words) {
		this.words = words;
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
			MonthlyReport.Month report = reports.of(id, shown);
			model.addAttribute("report", report);
			model.addAttribute("alertBars", bars(report.alertsByType()));
			model.addAttribute("outcomeBars", bars(report.outcomes()));
			model.addAttribute("alertsSaid", said(report.alertsByType(), words::alertType));
			model.addAttribute("outcomesSaid", said(report.outcomes(), words::outcome));
			model.addAttribute("keptWidth", report.keptPercent() == null ? 0 : Math.round(report.keptPercent() * 3));
			model.addAttribute("programme", id);
			model.addAttribute("month", shown);
		}
		return "console/reports";
	}

	/** One bar of a chart: its label, its value, and its length in pixels (the largest of the chart 300). */
	record Bar(String key, long value, int width) {
	}

	/** A chart in words, for those who cannot see it: "Crisis 2, Reported use 1". */
	private static String said(java.util.Map<String, Integer> counts, java.util.function.UnaryOperator<String> name) {
		return counts.entrySet().stream().map(entry -> name.apply(entry.getKey()) + " " + entry.getValue())
			.collect(java.util.stream.Collectors.joining(", "));
	}

	/** Each entry as a bar, the largest the longest: the report's charts, drawn on the server as SVG. */
	static List<Bar> bars(java.util.Map<String, ? extends Number> counts) {
		long most = counts.values().stream().mapToLong(Number::longValue).max().orElse(0);
		return counts.entrySet().stream()
			.map(entry -> new Bar(entry.getKey(), entry.getValue().longValue(),
					most == 0 ? 0 : (int) Math.max(2, entry.getValue().longValue() * 300 / most)))
			.toList();
	}
}
