package app.lantern.platform.rules;

/** A rules file that must not be used; the message names the rule. */
public class InvalidRuleException extends IllegalStateException {

	public InvalidRuleException(String message) {
		super(message);
	}

	public InvalidRuleException(String message, Throwable cause) {
		super(message, cause);
	}
}
