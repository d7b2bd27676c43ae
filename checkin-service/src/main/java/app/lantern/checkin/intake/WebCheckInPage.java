package app.lantern.checkin.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.lantern.checkin.registry.LinkTokens;
import app.lantern.events.CheckInChannel;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The client's own check-in page at an unguessable link. It works without JavaScript; a link that is not (or
 * no longer) valid gets the same 404 whether or not a client ever had it. "I need help now" needs nothing
 * else filled in and shows crisis resources at once.
 */
@Controller
class WebCheckInPage implements CrisisSpool.Store {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WebCheckInPage.class);

	private final JdbcClient jdbc;

	private final CheckIns checkIns;

	private final FormTokens proofs;

	private final CrisisSpool spool;

	private final Clock clock;

	WebCheckInPage(JdbcClient jdbc, CheckIns checkIns, FormTokens proofs, CrisisSpool spool, Clock clock) {
		this.jdbc = jdbc;
		this.checkIns = checkIns;
		this.proofs = proofs;
		this.spool = spool;
		this.clock = clock;
	}

	private record Client(UUID id, String name, int threshold, List<String> plan, boolean discharged,
			String linkHash) {
	}

	@GetMapping("/c/{token}")
	ModelAndView page(@PathVariable String token, Model model) {
		Optional<Client> client;
		try {
			client = client(token);
		}
		catch (DataAccessException databaseDown) {
			// the page still opens, without the name it cannot look up: "I need help now" works without a database
			client = Optional.of(new Client(null, "there", Integer.MAX_VALUE, List.of(), false, LinkTokens.hash(token)));
		}
		return client.map(found -> found.discharged() ? ended() : form(token, found, null))
			.orElseGet(WebCheckInPage::notFound);
	}

	@PostMapping("/c/{token}")
	ModelAndView checkIn(@PathVariable String token, @RequestParam(required = false) String craving,
			@RequestParam(required = false) String mood, @RequestParam(required = false) String used,
			@RequestParam(required = false) String note, @RequestParam(required = false) String crisis,
			@RequestParam(required = false) String submission, @RequestParam(required = false) String proof) {
		boolean help = "true".equals(crisis);
		Optional<Client> found;
		try {
			found = client(token);
		}
		catch (DataAccessException databaseDown) {
			return help ? spoolCrisis(token, submission, proof) : unavailable();
		}
		if (found.isEmpty()) {
			return notFound();
		}
		Client client = found.get();
		if (client.discharged()) {
			return ended(); // a discharged client's check-ins are not taken: they would raise and tell no one
		}
		FormTokens.Check checked = proofs.check(proof, client.linkHash(), clock.instant());
		if (checked == FormTokens.Check.INVALID) {
			// not this page's post (a cross-site form, a forged one): nothing is stored, but crisis resources
			// are shown to whoever asked for help
			return refused(help);
		}
		if (checked == FormTokens.Check.STALE && !help) {
			ModelAndView again = form(token, client, "This page was open a long time. Please send your check-in again.");
			again.setStatus(HttpStatus.CONFLICT);
			return again;
		}
		Integer cravingValue = number(craving, 0, 10);
		Integer moodValue = number(mood, 1, 5);
		if (!help && (cravingValue == null || (mood != null && !mood.isBlank() && moodValue == null)
				|| (note != null && note.length() > 1000))) {
			ModelAndView again = form(token, client, "Please choose how strong the craving is, from 0 to 10.");
			again.setStatus(HttpStatus.BAD_REQUEST);
			return again;
		}
		String key = submission == null || submission.isBlank() || submission.length() > 100 ? null
				: "web:" + client.id() + ":" + submission;
		Optional<CheckIns.Recorded> recorded;
		try {
			recorded = checkIns.record(new CheckIns.NewCheckIn(client.id(), CheckInChannel.WEB, cravingValue, moodValue,
					"true".equals(used), note == null || note.isBlank() ? null : note.strip(), help, key));
		}
		catch (DataAccessException databaseDown) {
			return help ? spoolCrisis(token, submission, proof) : unavailable();
		}
		boolean isCrisis = help || recorded.map(CheckIns.Recorded::crisis).orElse(false);
		boolean hard = cravingValue != null && cravingValue >= client.threshold();
		ModelAndView done = new ModelAndView("checkin/done");
		done.addObject("token", token);
		done.addObject("crisis", isCrisis);
		done.addObject("plan", hard ? client.plan() : List.of());
		return done;
	}

	private ModelAndView form(String token, Client client, String error) {
		ModelAndView page = new ModelAndView("checkin/page");
		page.addObject("token", token);
		page.addObject("name", client.name());
		page.addObject("submission", UUID.randomUUID().toString());
		page.addObject("proof", proofs.issue(client.linkHash(), clock.instant()));
		page.addObject("error", error);
		return page;
	}

	/**
	 * The database is down and the client asked for help: they see crisis resources at once, and the crisis
	 * waits in the spool (if the page's proof holds, which needs no database) to be stored and raised later.
	 */
	private ModelAndView spoolCrisis(String token, String submission, String proof) {
		Instant now = clock.instant();
		if (proofs.check(proof, LinkTokens.hash(token), now) == FormTokens.Check.INVALID) {
			return refused(true);
		}
		try {
			spool.spool(CrisisSpool.Spooled.web(token, submission, now));
		}
		catch (RuntimeException ex) {
			log.error("A crisis from the check-in page could be neither stored nor spooled; it was shown crisis resources",
					ex);
		}
		ModelAndView done = new ModelAndView("checkin/done");
		done.addObject("token", token);
		done.addObject("crisis", true);
		done.addObject("plan", List.of());
		return done;
	}

	@Override
	public String channel() {
		return "WEB";
	}

	/** A crisis from the page that waited in the spool: recorded under its form submission, once. */
	@Override
	public void store(CrisisSpool.Spooled crisis) {
		Optional<Client> client = client(crisis.linkToken());
		if (client.isEmpty()) {
			log.error("A spooled crisis from the check-in page names a link that is no longer valid (rotated or "
					+ "erased meanwhile); it is dropped");
			return;
		}
		String key = crisis.submission() == null || crisis.submission().isBlank() ? null
				: "web:" + client.get().id() + ":" + crisis.submission();
		checkIns.record(new CheckIns.NewCheckIn(client.get().id(), CheckInChannel.WEB, null, null, false, null, true, key,
				crisis.receivedAt()));
	}

	private static ModelAndView unavailable() {
		ModelAndView page = new ModelAndView("checkin/unavailable");
		page.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
		return page;
	}

	private static ModelAndView refused(boolean help) {
		ModelAndView page = new ModelAndView("checkin/refused");
		page.addObject("crisis", help);
		page.setStatus(HttpStatus.FORBIDDEN);
		return page;
	}

	/** The programme has ended: said kindly, with 988 and 911 for a crisis; nothing is stored or told. */
	private static ModelAndView ended() {
		return new ModelAndView("checkin/ended");
	}

	private static ModelAndView notFound() {
		ModelAndView page = new ModelAndView("checkin/not-found");
		page.setStatus(HttpStatus.NOT_FOUND);
		return page;
	}

	private Optional<Client> client(String token) {
		if (token == null || token.length() > 100) {
			return Optional.empty();
		}
		return jdbc.sql("select id, display_name, craving_threshold, coping_plan, status from client where link_token_hash = ?")
			.param(LinkTokens.hash(token))
			.query((rs, n) -> new Client(rs.getObject("id", UUID.class), rs.getString("display_name"),
					rs.getInt("craving_threshold"), List.of((String[]) rs.getArray("coping_plan").getArray()),
					"DISCHARGED".equals(rs.getString("status")), LinkTokens.hash(token)))
			.optional();
	}

	private static Integer number(String value, int min, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			int number = Integer.parseInt(value.strip());
			return number < min || number > max ? null : number;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}
}
