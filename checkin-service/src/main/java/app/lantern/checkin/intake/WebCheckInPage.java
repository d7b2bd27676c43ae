package app.lantern.checkin.intake;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.lantern.checkin.registry.CheckInLinks;
import app.lantern.events.CheckInChannel;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import app.lantern.checkin.web.PageLocales;
import jakarta.servlet.http.HttpServletRequest;
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
class WebCheckInPage {

	private final CheckInLinks links;

	private final CheckIns checkIns;

	private final FormTokens proofs;

	private final SpooledWebCrisis spooled;

	private final Clock clock;

	WebCheckInPage(CheckInLinks links, CheckIns checkIns, FormTokens proofs, SpooledWebCrisis spooled, Clock clock) {
		this.links = links;
		this.checkIns = checkIns;
		this.proofs = proofs;
		this.spooled = spooled;
		this.clock = clock;
	}

	@GetMapping("/c/{token}")
	ModelAndView page(@PathVariable String token, Model model, HttpServletRequest request) {
		Optional<CheckInLinks.Holder> client;
		try {
			client = links.holderOf(token);
		}
		catch (DataAccessException databaseDown) {
			// the page still opens, without the name it cannot look up: "I need help now" works without a database
			client = Optional.of(CheckInLinks.Holder.unnamed(token));
		}
		client.ifPresent(found -> PageLocales.speak(request, found.locale()));
		return client.map(found -> found.discharged() ? ended() : form(token, found, null))
			.orElseGet(WebCheckInPage::notFound);
	}

	@PostMapping("/c/{token}")
	ModelAndView checkIn(@PathVariable String token, @RequestParam(required = false) String craving,
			@RequestParam(required = false) String mood, @RequestParam(required = false) String used,
			@RequestParam(required = false) String note, @RequestParam(required = false) String crisis,
			@RequestParam(required = false) String submission, @RequestParam(required = false) String proof,
			HttpServletRequest request) {
		boolean help = "true".equals(crisis);
		Optional<CheckInLinks.Holder> found;
		try {
			found = links.holderOf(token);
		}
		catch (DataAccessException databaseDown) {
			return help ? spoolCrisis(token, submission, proof) : unavailable();
		}
		if (found.isEmpty()) {
			return notFound();
		}
		CheckInLinks.Holder client = found.get();
		PageLocales.speak(request, client.locale());
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
			ModelAndView again = form(token, client, "page.error.stale");
			again.setStatus(HttpStatus.CONFLICT);
			return again;
		}
		Integer cravingValue = number(craving, 0, 10);
		Integer moodValue = number(mood, 1, 5);
		if (!help && (cravingValue == null || (mood != null && !mood.isBlank() && moodValue == null)
				|| (note != null && note.length() > 1000))) {
			ModelAndView again = form(token, client, "page.error.craving");
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

	private ModelAndView form(String token, CheckInLinks.Holder client, String error) {
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
		if (!spooled.spool(token, submission, proof)) {
			return refused(true);
		}
		ModelAndView done = new ModelAndView("checkin/done");
		done.addObject("token", token);
		done.addObject("crisis", true);
		done.addObject("plan", List.of());
		return done;
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
