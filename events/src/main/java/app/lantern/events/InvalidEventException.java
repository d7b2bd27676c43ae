package app.lantern.events;

/** An event that would break the contract: a required field missing or a value out of range. */
public class InvalidEventException extends IllegalArgumentException {

	public InvalidEventException(String message) {
		super(message);
	}

	public InvalidEventException(String message, Throwable cause) {
		super(message, cause);
	}
}
