package app.lantern.events;

/**
 * What a delivery carries: an alert, a contact's invitation, a reminder to the client, an all-clear, or the
 * client's welcome with their check-in link, or the evening digest.
 */
public enum DeliveryKind {

	ALERT, INVITATION, REMINDER, ALL_CLEAR, WELCOME,
	/** The evening note to a contact who asked for it: the client checked in today. */
	DIGEST;

	/** Whether it goes to the client themselves rather than to a contact. */
	public boolean toClient() {
		return this == REMINDER || this == WELCOME;
	}
}
