package app.lantern.events;

import java.util.Collection;

/** The checks event constructors make, with messages that name the field. */
final class Invariants {

	private Invariants() {
	}

	static <T> T present(T value, String field) {
		if (value == null) {
			throw new InvalidEventException(field + " is required");
		}
		return value;
	}

	static String text(String value, String field) {
		if (value == null || value.isBlank()) {
			throw new InvalidEventException(field + " is required");
		}
		return value;
	}

	static int between(int value, int min, int max, String field) {
		if (value < min || value > max) {
			throw new InvalidEventException(field + " must be between " + min + " and " + max + " but was " + value);
		}
		return value;
	}

	static Integer optionalBetween(Integer value, int min, int max, String field) {
		return value == null ? null : between(value, min, max, field);
	}

	static int supportedSchema(int value) {
		if (value < 1) {
			throw new InvalidEventException("schemaVersion is required and must be at least 1");
		}
		return value;
	}

	static <T extends Collection<?>> T notEmpty(T value, String field) {
		if (present(value, field).isEmpty()) {
			throw new InvalidEventException(field + " must not be empty");
		}
		return value;
	}
}
