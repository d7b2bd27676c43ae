package app.lantern.checkin.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import app.lantern.checkin.programmes.Programmes;
import app.lantern.checkin.registry.CheckInLinks;
import app.lantern.checkin.registry.RecoveryPlans;
import app.lantern.checkin.web.InvalidFieldsException;
import app.lantern.checkin.web.PageLocales;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The client's own recovery plan on their private page ({@code /c/{token}/plan}): warning signs and triggers,
 * coping steps, people to call, reasons for recovery, what to do in a crisis — one item a line; a person as
 * "Sam, (202) 555-0198". Each save is a new version, made by the client; a post carries the page's own proof.
 */
@Controller
class RecoveryPlanPage {

	private final CheckInLinks links;

	private final RecoveryPlans plans;

	private final Programmes programmes;

	private final FormTokens proofs;

	private final Clock clock;

	RecoveryPlanPage(CheckInLinks links, RecoveryPlans plans, Programmes programmes, FormTokens proofs, Clock clock) {
		this.links = links;
		this.plans = plans;
		this.programmes = programmes;
		this.proofs = proofs;
		this.clock = clock;
	}

	@GetMapping("/c/{token}/plan")
	ModelAndView page(@PathVariable String token, HttpServletRequest request) {
		return links.holderOf(token).filter(client -> !client.discharged())
			.map(client -> page(token, client, plans.current(client.id()), request, null, null, null))
			.orElseGet(RecoveryPlanPage::notFound);
	}

	@PostMapping("/c/{token}/plan")
	ModelAndView save(@PathVariable String token, @RequestParam(required = false) String proof,
			@RequestParam(required = false) String warningSigns, @RequestParam(required = false) String copingSteps,
			@RequestParam(required = false) String people, @RequestParam(required = false) String reasons,
			@RequestParam(required = false) String crisisSteps, HttpServletRequest request) {
		Optional<CheckInLinks.Holder> found = links.holderOf(token).filter(client -> !client.discharged());
		if (found.isEmpty()) {
			return notFound();
		}
		CheckInLinks.Holder client = found.get();
		RecoveryPlans.Plan asked = new RecoveryPlans.Plan(lines(warningSigns), lines(copingSteps), persons(people),
				lines(reasons), lines(crisisSteps));
		if (proofs.check(proof, client.linkHash(), clock.instant()) != FormTokens.Check.VALID) {
			return page(token, client, asked, request, "page.plan.error.stale", null, HttpStatus.CONFLICT);
		}
		String region = programmes.ofClient(client.id()).map(Programmes.Programme::defaultRegion).orElse("US");
		try {
			plans.save(client.id(), asked, RecoveryPlans.CLIENT, region);
		}
		catch (InvalidFieldsException invalid) {
			return page(token, client, asked, request, "page.plan.error.fields",
					invalid.errors().stream().map(InvalidFieldsException.FieldError::field).toList(), HttpStatus.BAD_REQUEST);
		}
		return page(token, client, plans.current(client.id()), request, "page.plan.saved", null, null);
	}

	private ModelAndView page(String token, CheckInLinks.Holder client, RecoveryPlans.Plan plan,
			HttpServletRequest request, String message, List<String> wrong, HttpStatus status) {
		PageLocales.speak(request, client.locale());
		Instant now = clock.instant();
		ModelAndView page = new ModelAndView("checkin/plan");
		page.addObject("token", token);
		page.addObject("proof", proofs.issue(client.linkHash(), now));
		page.addObject("plan", plan);
		page.addObject("people", String.join("\n", plan.people().stream()
			.map(person -> person.phone() == null ? person.name() : person.name() + ", " + person.phone()).toList()));
		page.addObject("message", message);
		page.addObject("wrong", wrong == null ? List.of() : wrong);
		if (status != null) {
			page.setStatus(status);
		}
		return page;
	}

	private static List<String> lines(String text) {
		return text == null ? List.of() : text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
	}

	/** "Sam, (202) 555-0198" or "Sam": a name, and a number after the first comma. */
	private static List<RecoveryPlans.Person> persons(String text) {
		List<RecoveryPlans.Person> persons = new ArrayList<>();
		for (String line : lines(text)) {
			int comma = line.indexOf(',');
			persons.add(comma < 0 ? new RecoveryPlans.Person(line, null)
					: new RecoveryPlans.Person(line.substring(0, comma).strip(), line.substring(comma + 1).strip()));
		}
		return persons;
	}

	private static ModelAndView notFound() {
		ModelAndView page = new ModelAndView("checkin/not-found");
		page.setStatus(HttpStatus.NOT_FOUND);
		return page;
	}
}
