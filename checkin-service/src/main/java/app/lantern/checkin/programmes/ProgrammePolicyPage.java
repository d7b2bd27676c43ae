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
 * longest away, the language, the crisis words it adds, who its replies say to call, the quiet hours of contacts
 * who set none — and every version of it. The same checks and effects as {@code PUT /api/programmes/{id}}.
 */
@Controller
class ProgrammePolicyPage {

	/** The kinds of alert that climb a ladder, whose timeout a programme may set. */
	static final List<AlertType> CLIMBING = Arrays.stream(AlertType.values()).filter(AlertType::climbs).toList();

	/** The languages a programme's crisis words are written in, on the page. */
	static final List<String> LANGUAGES = List.of("en", "es");

	private final Programmes programmes;

	private final ProgrammeController changes;

	private final ProgrammePolicies policies;

	ProgrammePolicyPage(Programmes programmes, ProgrammeController changes, ProgrammePolicies policies) {
		this.programmes = programmes;
		this.changes = changes;
		this.policies = policies;
	}

	@GetMapping("/programmes/{id}/policy")
	String page(@PathVariable String id, Model model) {
		return page(runnable(id), model);
	}

	private String page(Programmes.Programme programme, Model model) {
		model.addAttribute("programme", programme);
		model.addAttribute("climbing", CLIMBING);
		model.addAttribute("languages", LANGUAGES);
		model.addAttribute("versions", policies.versions(programme.id()));
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
		Map<String, List<String>> words = new LinkedHashMap<>();
		for (String language : LANGUAGES) {
			String lines = form.getFirst("crisisWords." + language);
			List<String> list = lines == null ? List.of()
					: lines.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
			if (!list.isEmpty()) {
				words.put(language, list);
			}
		}
		String quietStart = blankAsEmpty(form.getFirst("quietStart"));
		String quietEnd = blankAsEmpty(form.getFirst("quietEnd"));
		Map<String, String> quiet = quietStart.isEmpty() && quietEnd.isEmpty() ? Map.of()
				: Map.of("start", quietStart, "end", quietEnd);
		try {
			changes.change(id, new NewProgramme(id, programme.name(), programme.timezone().getId(),
					programme.defaultRegion(), number(form.getFirst("maxAwayDays")), form.getFirst("language"),
					form.containsKey("secondFactorRequired"), orOff(form.getFirst("followUpMissedHours")),
					orOff(form.getFirst("followUpDisengagingHours")), escalation, words,
					blankAsEmpty(form.getFirst("smsName")), blankAsEmpty(form.getFirst("smsPhone")), quiet,
					form.getFirst("rules") == null ? null : form.getFirst("rules").strip()));
		}
		catch (InvalidFieldsException invalid) {
			model.addAttribute("formErrors", Words.errors(invalid));
			return page(programme, model);
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

	private static String blankAsEmpty(String value) {
		return value == null ? "" : value.strip();
	}

	/** A follow-up's hours: blank turns it off (0). */
	private static Integer orOff(String value) {
		Integer hours = number(value);
		return hours == null ? 0 : hours;
	}
}
