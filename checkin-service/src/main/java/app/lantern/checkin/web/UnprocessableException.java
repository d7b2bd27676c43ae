package app.lantern.checkin.web;

/**
 * A request that is well formed but cannot be taken as it is, such as an idempotency key reused with another
 * body; answered 422 naming the field.
 */
public class UnprocessableException extends RuntimeException {

	private final String field;

	public UnprocessableException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}
}
