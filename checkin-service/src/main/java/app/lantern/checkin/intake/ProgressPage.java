package app.lantern.checkin.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import app.lantern.checkin.registry.CheckInLinks;
import app.lantern.checkin.registry.ClientRecords;
import app.lantern.checkin.registry.ClientView;
import app.lantern.checkin.web.PageLocales;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The client's progress on their private page ({@code /c/{token}/progress}): the last four weeks as a calendar
 * (kept, late, missed, away, nothing due), their streak, and a word on the days they chose to mark — or no counting
 * at all, if they turn it off. Theirs alone: no contact is told any of it.
 */
@Controller
class ProgressPage {

	/** The days in a row a client may choose to mark. */
	static final List<Integer> MILESTONES = List.of(7, 30, 60, 90, 180, 365);

	static final int WEEKS = 4;

	private final CheckInLinks links;

	private final ClientRecords clients;

	private final CheckIns checkIns;

	private final FormTokens proofs;

	private final JdbcClient jdbc;

	private final Clock clock;

	ProgressPage(CheckInLinks links, ClientRecords clients, CheckIns checkIns, FormTokens proofs, JdbcClient jdbc,
			Clock clock) {
		this.links = links;
		this.clients = clients;
		this.checkIns = checkIns;
		this.proofs = proofs;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@GetMapping("/c/{token}/progress")
	ModelAndView page(@PathVariable String token, HttpServletRequest request) {
		return links.holderOf(token).filter(client -> !client.discharged())
			.map(client -> page(token, client, request, null, null))
			.orElseGet(ProgressPage::notFound);
	}

	/** Counting on or off, and the days to mark. */
	@PostMapping("/c/{token}/progress")
	ModelAndView choose(@PathVariable String token, @RequestParam(required = false) String proof,
			@RequestParam(required = false) String counting, @RequestParam(required = false) List<String> milestones,
			HttpServletRequest request) {
		Optional<CheckInLinks.Holder> found = links.holderOf(token).filter(client -> !client.discharged());
		if (found.isEmpty()) {
			return notFound();
		}
		CheckInLinks.Holder client = found.get();
		if (proofs.check(proof, client.linkHash(), clock.instant()) != FormTokens.Check.VALID) {
			return page(token, client, request, "page.progress.error.stale", HttpStatus.CONFLICT);
		}
		Integer[] marked = (milestones == null ? List.<String>of() : milestones).stream()
			.map(ProgressPage::number).filter(MILESTONES::contains).distinct().sorted().toArray(Integer[]::new);
		jdbc.sql("update client set progress_counting = ?, milestones = ? where id = ?")
			.params("true".equals(counting), marked, client.id()).update();
		return page(token, client, request, "page.progress.saved", null);
	}

	private ModelAndView page(String token, CheckInLinks.Holder client, HttpServletRequest request, String message,
			HttpStatus status) {
		PageLocales.speak(request, client.locale());
		Instant now = clock.instant();
		ClientView view = clients.find(client.id()).orElseThrow();
		ZoneId zone = ZoneId.of(view.timezone());
		Instant from = view.schedule().effectiveFrom().isAfter(view.enrolledAt()) ? view.schedule().effectiveFrom()
				: view.enrolledAt();
		Progress progress = Progress.of(checkIns.receivedSince(client.id(), now.minusSeconds(86_400L * 7 * (WEEKS + 1))),
				view.schedule().asKept(), zone, from, now, view.awayUntil(), WEEKS);
		boolean counting = jdbc.sql("select progress_counting from client where id = ?").param(client.id())
			.query(Boolean.class).single();
		List<Integer> marked = jdbc.sql("select milestones from client where id = ?").param(client.id())
			.query((rs, n) -> Arrays.asList((Integer[]) rs.getArray(1).getArray())).single();
		ModelAndView page = new ModelAndView("checkin/progress");
		page.addObject("token", token);
		page.addObject("proof", proofs.issue(client.linkHash(), now));
		page.addObject("progress", progress);
		page.addObject("counting", counting);
		page.addObject("milestones", MILESTONES);
		page.addObject("marked", marked);
		page.addObject("milestone", counting && marked.contains(progress.streak()) ? progress.streak() : null);
		page.addObject("message", message);
		if (status != null) {
			page.setStatus(status);
		}
		return page;
	}

	private static Integer number(String value) {
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static ModelAndView notFound() {
		ModelAndView page = new ModelAndView("checkin/not-found");
		page.setStatus(HttpStatus.NOT_FOUND);
		return page;
	}
}
