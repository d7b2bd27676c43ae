package app.lantern.events;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of alert (docs/contract.md); a consent names the kinds it covers. */
public enum AlertType {

	MISSED_CHECKIN("missed a check-in"),
	HIGH_CRAVING("reported a hard moment"),
	RISING_CRAVING("has had a few hard check-ins in a row"),
	REPORTED_USE("may need support right now"),
	CRISIS("asked for help urgently"),
	/**
	 * Checking in much less often than their own usual, before misses pile up: a slow signal, told to staff (and
	 * to a contact only under a consent that names it), never climbing a ladder.
	 */
	DISENGAGING("has been checking in or getting to appointments less often than usual"),
	/**
	 * The client texted {@code AWAY n}: a planned absence of their own, during which missed check-ins raise
	 * nothing. Told to their staff at once, never to a contact (no consent can name it); resolved when it ends.
	 */
	AWAY("is away for a few days, by their own word"),
	/**
	 * Not an alert: the consent type of the evening note "checked in today" to a contact who asked for it (DAILY).
	 * Same consent checks, disclosure log and minimum-necessary text as an alert; never raised by the rules.
	 */
	CHECKED_IN_DIGEST("checked in today");

	private final String plainWords;

	AlertType(String plainWords) {
		this.plainWords = plainWords;
	}

	/** The alert types a consent may name, as a request field's error lists them. */
	public static String names() {
		return Arrays.stream(values())
			.filter(AlertType::consentable)
			.map(Enum::name)
			.collect(Collectors.joining(", "));
	}

	/** Whether a client may consent to a contact being told of it (an AWAY is for staff only). */
	public boolean consentable() {
		return this != AWAY;
	}

	/** Whether an unacknowledged one climbs the escalation ladder (a slow trend or a notice does not). */
	public boolean climbs() {
		return this != DISENGAGING && this != AWAY && this != CHECKED_IN_DIGEST;
	}

	/** Minimum-necessary wording for a message to a contact: no numbers, substances or notes. */
	public String plainWords() {
		return plainWords;
	}
}
