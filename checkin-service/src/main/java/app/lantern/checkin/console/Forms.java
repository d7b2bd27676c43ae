package app.lantern.checkin.console;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import app.lantern.checkin.web.ConflictException;
import app.lantern.checkin.web.InvalidFieldsException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** What the console's forms share: reading their fields, and showing a change's errors on the client page. */
final class Forms {

	private Forms() {
	}

	/**
	 * Makes a change from a client page's form and goes back to that page, with {@code done} as the notice when
	 * it was made and each wrong field in words when it was not (nothing is changed then).
	 */
	static String onClientPage(UUID clientId, RedirectAttributes redirect, String done, Runnable change) {
		try {
			change.run();
			redirect.addFlashAttribute("notice", done);
		}
		catch (InvalidFieldsException invalid) {
			redirect.addFlashAttribute("formErrors", Words.errors(invalid));
		}
		catch (ConflictException conflict) {
			redirect.addFlashAttribute("formErrors", List.of(Words.label(conflict.field()) + ": " + conflict.getMessage()));
		}
		return "redirect:/clients/" + clientId;
	}

	static String blankAsNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	/** "09:00, 21:00" or "09:00 21:00". */
	static List<String> list(String value) {
		return value == null || value.isBlank() ? List.of()
				: Arrays.stream(value.split("[,\\s]+")).filter(part -> !part.isBlank()).toList();
	}

	/** One item per line; blank lines dropped. */
	static List<String> lines(String value) {
		return value == null ? List.of() : value.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
	}

	/** A number, or -1 for what is not one (so the range check names the field), or null when blank. */
	static Integer number(String value) {
		try {
			return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}
}
