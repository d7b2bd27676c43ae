package app.lantern.checkin.web;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Collects a request's field errors so that one answer names all of them; nothing is stored unless
 * {@link #throwIfAny()} passes.
 */
public final class FieldChecks {

	private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm[:ss]");

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

	private final List<InvalidFieldsException.FieldError> errors = new ArrayList<>();

	public FieldChecks reject(String field, String message) {
		errors.add(new InvalidFieldsException.FieldError(field, message));
		return this;
	}

	public boolean require(Object value, String field) {
		if (value == null || (value instanceof String text && text.isBlank())) {
			reject(field, "is required");
			return false;
		}
		return true;
	}

	public void range(Integer value, int min, int max, String field) {
		if (value != null && (value < min || value > max)) {
			reject(field, "must be between " + min + " and " + max);
		}
	}

	public void maxLength(String value, int max, String field) {
		if (value != null && value.length() > max) {
			reject(field, "must be at most " + max + " characters");
		}
		else if (value != null && value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
			reject(field, "must not contain control characters");
		}
	}

	/** Parses a value, recording {@code message} for the field when the parser throws. */
	public <T, R> R parse(T value, Function<T, R> parser, String field, String message) {
		if (value == null) {
			return null;
		}
		try {
			return parser.apply(value);
		}
		catch (RuntimeException ex) {
			reject(field, message);
			return null;
		}
	}

	/** A trimmed e-mail address, or null when blank; rejected when it does not look like one. */
	public String email(String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (!EMAIL.matcher(value.trim()).matches() || value.length() > 254) {
			reject(field, "must be an e-mail address");
			return null;
		}
		return value.trim();
	}

	/** An IANA time zone. */
	public ZoneId zone(String value, String field) {
		if (!ZoneId.getAvailableZoneIds().contains(value)) {
			reject(field, "is not a time zone we know: choose one from the list, such as America/New_York");
			return null;
		}
		return ZoneId.of(value);
	}

	/** A local time written HH:mm, or HH:mm:ss. */
	public LocalTime time(String value, String field, String message) {
		return parse(value, text -> LocalTime.parse(text, HH_MM_SS), field, message);
	}

	public boolean hasAny() {
		return !errors.isEmpty();
	}

	/** The first error of each field, for a form that shows them beside the fields. */
	public Map<String, String> byField() {
		Map<String, String> byField = new LinkedHashMap<>();
		errors.forEach(error -> byField.putIfAbsent(error.field(), error.message()));
		return byField;
	}

	public void throwIfAny() {
		if (!errors.isEmpty()) {
			throw new InvalidFieldsException(errors);
		}
	}
}
