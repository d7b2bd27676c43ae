package app.lantern.events;

/** The kinds of alert of DESIGN.md's rules; a consent names the kinds it covers. */
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
	DISENGAGING("has been checking in less often than usual");

	private final String plainWords;

	AlertType(String plainWords) {
		this.plainWords = plainWords;
	}

	/** The alert types' names, as a request field's error lists them. */
	public static String names() {
		return java.util.Arrays.stream(values()).map(Enum::name).collect(java.util.stream.Collectors.joining(", "));
	}

	/** Minimum-necessary wording for a message to a contact: no numbers, substances or notes. */
	public String plainWords() {
		return plainWords;
	}
}
