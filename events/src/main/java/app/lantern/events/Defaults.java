package app.lantern.events;

/**
 * The programme defaults of the design brief, in one place: what a client gets when enrolment leaves a
 * setting out, and what the rules engine assumes before it has seen a profile.
 */
public final class Defaults {

	/** A craving at or above this raises HIGH_CRAVING. */
	public static final int CRAVING_THRESHOLD = 8;

	/** How long after a due time a check-in still counts for it. */
	public static final int GRACE_MINUTES = 60;

	/** How long before a due time the client is reminded; 0 is no reminder. */
	public static final int REMINDER_MINUTES_BEFORE = 30;

	private Defaults() {
	}
}
