package app.lantern.checkin.programmes;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.console.Words;
import app.lantern.checkin.web.InvalidFieldsException;
import app.lantern.checkin.web.NotFoundException;
import app.lantern.events.AlertType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A programme's policy in the console ({@code /programmes/{id}/policy}), for an ADMIN or the programme's own
 * administrator: how fast each kind of alert climbs, the follow-up policy, a second factor for everyone, the
 * longest away, the language. The same checks and effects as {@code PUT /api/programmes/{id}}.
 */
@Controller
class ProgrammePolicyPage {

	/** The kinds of alert that climb a ladder, whose timeout a programme may set. */
	static final List<AlertType> CLIMBING = Arrays.stream(AlertType.values()).filter(AlertType::climbs).toList();

	private final Programmes programmes;

	private final ProgrammeController changes;

	ProgrammePolicyPage(Programmes programmes, ProgrammeController changes) {
		this.programmes = programmes;
		this.changes = changes;
	}

	@GetMapping("/programmes/{id}/policy")
	String page(@PathVariable String id, Model model) {
		model.addAttribute("programme", runnable(id));
		model.addAttribute("climbing", CLIMBING);
		return "console/policy";
	}

	@PostMapping("/programmes/{id}/policy")
	String change(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, Model model,
			RedirectAttributes redirect) {
		Programmes.Programme programme = runnable(id);
		Map<String, Integer> escalation = new LinkedHashMap<>();
		for (AlertType type : CLIMBING) {
			String minutes = form.getFirst("escalation." + type.name());
			if (minutes != null && !minutes.isBlank()) {
				escalation.put(type.name(), number(minutes));
			}
		}
		try {
			changes.change(id, new NewProgramme(id, programme.name(), programme.timezone().getId(),
					programme.defaultRegion(), number(form.getFirst("maxAwayDays")), form.getFirst("language"),
					form.containsKey("secondFactorRequired"), orOff(form.getFirst("followUpMissedHours")),
					orOff(form.getFirst("followUpDisengagingHours")), escalation));
		}
		catch (InvalidFieldsException invalid) {
			model.addAttribute("programme", programme);
			model.addAttribute("climbing", CLIMBING);
			model.addAttribute("formErrors", Words.errors(invalid));
			return "console/policy";
		}
		redirect.addFlashAttribute("notice", "The programme's policy is saved; it holds from now on.");
		return "redirect:/programmes/" + id + "/policy";
	}

	private Programmes.Programme runnable(String id) {
		if (!changes.runs(id)) {
			throw new NotFoundException("programme");
		}
		return programmes.find(id).orElseThrow(() -> new NotFoundException("programme"));
	}

	/** A number as typed; what is not one is -1, which every range refuses by name. */
	private static Integer number(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** A follow-up's hours: blank turns it off (0). */
	private static Integer orOff(String value) {
		Integer hours = number(value);
		return hours == null ? 0 : hours;
	}
}
