package app.lantern.checkin.web;

/** A request that contradicts what is stored, such as enrolling a phone number twice; answered 409. */
public class ConflictException extends RuntimeException {

	private final String field;

	public ConflictException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}
}
