package app.lantern.checkin.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Collects a request's field errors so that one answer names all of them; nothing is stored unless
 * {@link #throwIfAny()} passes.
 */
public final class FieldChecks {

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

	public void throwIfAny() {
		if (!errors.isEmpty()) {
			throw new InvalidFieldsException(errors);
		}
	}
}
