package app.lantern.alert.time;

import java.time.Instant;

/**
 * What the rules engine is waiting for from one client: a check-in in the window (windowStart, deadline] of
 * the due time {@code due}. {@code satisfied} once one came; {@code misses} counts deadlines missed in a row.
 */
public record Watch(String clientId, Instant due, Instant windowStart, Instant deadline, Instant reminderAt,
		boolean satisfied, int misses) {

	public boolean counts(Instant checkInAt) {
		return checkInAt.isAfter(windowStart) && !checkInAt.isAfter(deadline);
	}

	public Watch asSatisfied() {
		return new Watch(clientId, due, windowStart, deadline, reminderAt, true, 0);
	}

	public Watch withNoMisses() {
		return new Watch(clientId, due, windowStart, deadline, reminderAt, satisfied, 0);
	}
}
