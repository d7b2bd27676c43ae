package app.lantern.checkin.console;

import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import app.lantern.checkin.programmes.ProgrammeScope;
import app.lantern.checkin.programmes.Programmes;
import app.lantern.checkin.registry.CheckInLinks;
import app.lantern.checkin.registry.ClientRegistry;
import app.lantern.checkin.registry.RegistryRequests;
import app.lantern.checkin.web.ConflictException;
import app.lantern.checkin.web.InvalidFieldsException;
import app.lantern.events.Defaults;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Enrolment from the console, with the API's own checks; each error is shown next to its field. The client is
 * texted their welcome with the check-in link; the page after shows the link once, to read out or copy.
 */
@Controller
class EnrolmentForm {

	private final ClientRegistry registry;

	private final Programmes programmes;

	private final CheckInLinks links;

	EnrolmentForm(ClientRegistry registry, Programmes programmes, CheckInLinks links) {
		this.registry = registry;
		this.programmes = programmes;
		this.links = links;
	}

	@GetMapping("/clients/new")
	ModelAndView form() {
		List<Programmes.Programme> mine = mine();
		Programmes.Programme first = mine.stream().filter(p -> p.id().equals(Programmes.DEFAULT)).findFirst()
			.orElse(mine.isEmpty() ? null : mine.get(0));
		Map<String, String> values = new HashMap<>(Map.of("timezone",
				first == null ? "America/New_York" : first.timezone().getId(), "dueTimes", "09:00, 21:00",
				"graceMinutes", String.valueOf(Defaults.GRACE_MINUTES), "reminderMinutesBefore",
				String.valueOf(Defaults.REMINDER_MINUTES_BEFORE), "cravingThreshold",
				String.valueOf(Defaults.CRAVING_THRESHOLD)));
		if (first != null) {
			values.put("programme", first.id());
		}
		return page(Map.of(), values, HttpStatus.OK);
	}

	@PostMapping("/clients/new")
	ModelAndView enrol(@RequestParam Map<String, String> form, Principal staff, RedirectAttributes redirect) {
		try {
			var request = new RegistryRequests.Enrolment(form.get("displayName"), form.get("phone"), form.get("email"),
					form.get("timezone"), new RegistryRequests.ScheduleBody(Forms.list(form.get("dueTimes")),
							Forms.number(form.get("graceMinutes")), Forms.number(form.get("reminderMinutesBefore"))),
					Forms.number(form.get("cravingThreshold")), Forms.lines(form.get("copingPlan")),
					Forms.blankAsNull(form.get("programme")), Forms.blankAsNull(form.get("language")));
			var enrolled = registry.enrol(request, staff.getName());
			redirect.addFlashAttribute("link", links.url(enrolled.linkToken()));
			redirect.addFlashAttribute("notice", "Enrolled. The client was texted a welcome with their check-in link.");
			return new ModelAndView("redirect:/clients/" + enrolled.id());
		}
		catch (InvalidFieldsException invalid) {
			Map<String, String> errors = invalid.errors().stream()
				.collect(Collectors.toMap(error -> error.field().replaceFirst("^schedule\\.", "").replaceFirst("\\[\\d+]$", ""),
						InvalidFieldsException.FieldError::message, (first, second) -> first));
			return page(errors, form, HttpStatus.BAD_REQUEST);
		}
		catch (ConflictException conflict) {
			return page(Map.of(conflict.field(), conflict.getMessage()), form, HttpStatus.CONFLICT);
		}
	}

	private List<Programmes.Programme> mine() {
		ProgrammeScope scope = programmes.current();
		return programmes.all().stream().filter(programme -> scope.includes(programme.id())).toList();
	}

	private ModelAndView page(Map<String, String> errors, Map<String, String> values, HttpStatus status) {
		ModelAndView page = new ModelAndView("console/enrol");
		page.addObject("errors", errors);
		page.addObject("values", values);
		page.addObject("programmes", mine());
		page.setStatus(status);
		return page;
	}
}
