package app.lantern.checkin.intake;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import app.lantern.checkin.CheckinProperties;
import app.lantern.checkin.oncall.CrisisReach;
import app.lantern.checkin.registry.CheckInLinks;
import app.lantern.checkin.registry.RecoveryPlans;
import app.lantern.checkin.web.PageLocales;
import app.lantern.events.CheckInChannel;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
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
class WebCheckInPage {

	/** The longest note the page takes. */
	private static final int NOTE_MAX = 1000;

	private final CheckInLinks links;

	private final CheckIns checkIns;

	private final FormTokens proofs;

	private final SpooledWebCrisis spooled;

	private final CrisisReach crisisReach;

	private final CrisisDeadline deadline;

	private final CheckinProperties properties;

	private final Clock clock;

	private final PushSubscriptions.Offer pushOffer;

	WebCheckInPage(CheckInLinks links, CheckIns checkIns, FormTokens proofs, SpooledWebCrisis spooled,
			CrisisReach crisisReach, CrisisDeadline deadline, CheckinProperties properties, Clock clock,
			PushSubscriptions.Offer pushOffer) {
		this.pushOffer = pushOffer;
		this.deadline = deadline;
		this.links = links;
		this.checkIns = checkIns;
		this.proofs = proofs;
		this.spooled = spooled;
		this.crisisReach = crisisReach;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping("/c/{token}")
	ModelAndView page(@PathVariable String token, Model model, HttpServletRequest request) {
		// the page opens with no wait on the database (it may be someone in crisis opening it): when the database is
		// down or hangs past the crisis wait, without the name it cannot look up — "I need help now" needs no database
		Optional<Optional<CheckInLinks.Holder>> inTime;
		try {
			inTime = deadline.within(() -> links.holderOf(token));
		}
		catch (DataAccessException databaseDown) {
			inTime = Optional.empty();
		}
		Optional<CheckInLinks.Holder> client = inTime.orElseGet(() -> Optional.of(CheckInLinks.Holder.unnamed(token)));
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
		Posted posted = new Posted(token, craving, mood, used, note, help, submission, proof);
		Answer answer;
		if (help) {
			// "I need help now" waits on the database at most a second: one that hangs is answered from the spool
			Optional<Answer> inTime = deadline.within(() -> answer(posted));
			if (inTime.isEmpty()) {
				return spoolCrisis(token, submission, proof);
			}
			answer = inTime.get();
		}
		else {
			answer = answer(posted);
		}
		if (answer.locale() != null) {
			PageLocales.speak(request, answer.locale());
		}
		return answer.page();
	}

	/** What the page's form posted. */
	private record Posted(String token, String craving, String mood, String used, String note, boolean help,
			String submission, String proof) {
	}

	/** The page to answer with, in the client's language (null: the page's own). */
	private record Answer(ModelAndView page, Locale locale) {
	}

	/** Looks the link up, checks the post and records the check-in: the database's part, on whatever thread. */
	private Answer answer(Posted posted) {
		String token = posted.token();
		boolean help = posted.help();
		Optional<CheckInLinks.Holder> found;
		try {
			found = links.holderOf(token);
		}
		catch (DataAccessException databaseDown) {
			return new Answer(help ? spoolCrisis(token, posted.submission(), posted.proof()) : unavailable(), null);
		}
		if (found.isEmpty()) {
			return new Answer(notFound(), null);
		}
		CheckInLinks.Holder client = found.get();
		if (client.discharged()) {
			// a discharged client's check-ins are not taken: they would raise and tell no one
			return new Answer(ended(), client.locale());
		}
		FormTokens.Check checked = proofs.check(posted.proof(), client.linkHash(), clock.instant());
		if (checked == FormTokens.Check.INVALID) {
			// not this page's post (a cross-site form, a forged one): nothing is stored, but crisis resources
			// are shown to whoever asked for help
			return new Answer(refused(help), client.locale());
		}
		if (checked == FormTokens.Check.STALE && !help) {
			ModelAndView again = form(token, client, "page.error.stale");
			again.setStatus(HttpStatus.CONFLICT);
			return new Answer(again, client.locale());
		}
		Integer cravingValue = number(posted.craving(), 0, 10);
		Integer moodValue = number(posted.mood(), 1, 5);
		String mood = posted.mood();
		String note = posted.note();
		if (!help && (cravingValue == null || (mood != null && !mood.isBlank() && moodValue == null)
				|| (note != null && note.length() > NOTE_MAX))) {
			ModelAndView again = form(token, client, "page.error.craving");
			again.setStatus(HttpStatus.BAD_REQUEST);
			return new Answer(again, client.locale());
		}
		String submission = posted.submission();
		String key = submission == null || submission.isBlank() || submission.length() > 100 ? null
				: "web:" + client.id() + ":" + submission;
		Optional<CheckIns.Recorded> recorded;
		try {
			recorded = checkIns.record(new CheckIns.NewCheckIn(client.id(), CheckInChannel.WEB, cravingValue, moodValue,
					"true".equals(posted.used()), kept(note), help, key));
		}
		catch (DataAccessException databaseDown) {
			return new Answer(help ? spoolCrisis(token, submission, posted.proof()) : unavailable(), client.locale());
		}
		boolean isCrisis = help || recorded.map(CheckIns.Recorded::crisis).orElse(false);
		boolean hard = RecoveryPlans.hardDay(cravingValue, moodValue, "true".equals(posted.used()), client.threshold());
		return new Answer(done(token, isCrisis, isCrisis && crisisReach.supportTeamIsTold(client.id()),
				hard ? client.plan() : List.of()), client.locale());
	}

	/** The note as stored: a crisis is never refused for its note, but a note past the page's limit is cut to it. */
	private static String kept(String note) {
		if (note == null || note.isBlank()) {
			return null;
		}
		String stripped = note.strip();
		return stripped.length() <= NOTE_MAX ? stripped : stripped.substring(0, NOTE_MAX);
	}

	private ModelAndView form(String token, CheckInLinks.Holder client, String error) {
		ModelAndView page = new ModelAndView("checkin/page");
		page.addObject("token", token);
		page.addObject("name", client.name());
		page.addObject("submission", UUID.randomUUID().toString());
		page.addObject("proof", proofs.issue(client.linkHash(), clock.instant()));
		page.addObject("error", error);
		// the deployment's VAPID public key: the page offers notifications only when there is one
		page.addObject("pushKey", pushOffer.publicKey());
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
		// no one can say now whether anyone can be told: no promise, the programme's line
		return done(token, true, false, List.of());
	}

	/**
	 * The page after a check-in: the coping plan on a hard day; for a crisis, the crisis resources — with "we are
	 * letting your support team know" only when someone can be told, otherwise the programme's own line.
	 */
	private ModelAndView done(String token, boolean crisis, boolean supportTeamIsTold, List<String> plan) {
		ModelAndView done = new ModelAndView("checkin/done");
		done.addObject("token", token);
		done.addObject("crisis", crisis);
		done.addObject("supportTeamIsTold", supportTeamIsTold);
		String phone = properties.sms().programmePhone();
		done.addObject("programmeName", properties.sms().programmeName());
		done.addObject("programmePhone", phone.isBlank() ? null : phone);
		done.addObject("plan", plan);
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
