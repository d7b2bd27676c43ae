package app.lantern.checkin.console;

import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

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

/** Enrolment from the console, with the API's own checks; each error is shown next to its field. */
@Controller
class EnrolmentForm {

	private final ClientRegistry registry;

	EnrolmentForm(ClientRegistry registry) {
		this.registry = registry;
	}

	@GetMapping("/clients/new")
	ModelAndView form() {
		return page(Map.of(), Map.of("timezone", "America/New_York", "dueTimes", "09:00, 21:00", "graceMinutes",
				String.valueOf(Defaults.GRACE_MINUTES), "reminderMinutesBefore",
				String.valueOf(Defaults.REMINDER_MINUTES_BEFORE), "cravingThreshold",
				String.valueOf(Defaults.CRAVING_THRESHOLD)), HttpStatus.OK);
	}

	@PostMapping("/clients/new")
	ModelAndView enrol(@RequestParam Map<String, String> form, Principal staff) {
		try {
			var request = new RegistryRequests.Enrolment(form.get("displayName"), form.get("phone"), form.get("email"),
					form.get("timezone"), new RegistryRequests.ScheduleBody(list(form.get("dueTimes")),
							number(form.get("graceMinutes")), number(form.get("reminderMinutesBefore"))),
					number(form.get("cravingThreshold")), lines(form.get("copingPlan")));
			UUID id = registry.enrol(request, staff.getName()).id();
			return new ModelAndView("redirect:/clients/" + id);
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

	private static ModelAndView page(Map<String, String> errors, Map<String, String> values, HttpStatus status) {
		ModelAndView page = new ModelAndView("console/enrol");
		page.addObject("errors", errors);
		page.addObject("values", values);
		page.setStatus(status);
		return page;
	}

	private static List<String> list(String value) {
		return value == null || value.isBlank() ? List.of()
				: Arrays.stream(value.split("[,\\s]+")).filter(part -> !part.isBlank()).toList();
	}

	private static List<String> lines(String value) {
		return value == null ? List.of() : value.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
	}

	private static Integer number(String value) {
		try {
			return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}
}
