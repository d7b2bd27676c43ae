package app.lantern.events;

/** The kinds of alert of DESIGN.md's rules; a consent names the kinds it covers. */
public enum AlertType {

	MISSED_CHECKIN("missed a check-in"),
	HIGH_CRAVING("reported a hard moment"),
	RISING_CRAVING("has had a few hard check-ins in a row"),
	REPORTED_USE("may need support right now"),
	CRISIS("asked for help urgently");

	private final String plainWords;

	AlertType(String plainWords) {
		this.plainWords = plainWords;
	}

	/** Minimum-necessary wording for a message to a contact: no numbers, substances or notes. */
	public String plainWords() {
		return plainWords;
	}
}
