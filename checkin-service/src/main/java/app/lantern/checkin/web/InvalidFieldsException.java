package app.lantern.checkin.web;

import java.util.List;

/** A request with one or more wrong fields; answered 400 with every field named. */
public class InvalidFieldsException extends RuntimeException {

	private final List<FieldError> errors;

	public InvalidFieldsException(List<FieldError> errors) {
		super(errors.size() + " invalid field(s): " + errors.stream().map(FieldError::field).toList());
		this.errors = List.copyOf(errors);
	}

	public static InvalidFieldsException of(String field, String message) {
		return new InvalidFieldsException(List.of(new FieldError(field, message)));
	}

	public List<FieldError> errors() {
		return errors;
	}

	public record FieldError(String field, String message) {
	}
}
