package app.lantern.events;

/**
 * The steps of an alert's life. {@code REPEATED} (an extension): it happened again while it was open — a second
 * crisis, a high craving or reported use after it was acknowledged — and is told again, unacknowledged again, its
 * escalation clock started afresh.
 */
public enum AlertState {

	RAISED, ESCALATED, ACKNOWLEDGED, RESOLVED, REPEATED
}
