package app.lantern.alert.time;

import java.time.Instant;
import java.time.ZoneId;

import app.lantern.events.ClientProfile;

/**
 * What the rules engine is waiting for from one client: a check-in in the window (windowStart, deadline] of
 * the due time {@code due}. {@code satisfied} once one came; {@code misses} counts deadlines missed in a row.
 * The schedule and zone it was computed from are kept with it, so that a deadline passing finds the next due
 * time without reading the whole profile (null in a watch written before they were kept: the profile is read).
 * {@code awayUntil}: the end of the client's own away, if they texted one (AWAY n).
 */
public record Watch(String clientId, Instant due, Instant windowStart, Instant deadline, Instant reminderAt,
		boolean satisfied, int misses, ClientProfile.Schedule schedule, ZoneId timezone, Instant keptAt,
		Instant awayUntil) {

	/** Whether a due time with this deadline falls in the client's own away: missing it raises nothing. */
	public boolean excused(Instant deadline) {
		return awayUntil != null && !deadline.isAfter(awayUntil);
	}

	public Watch withAwayUntil(Instant until) {
		return new Watch(clientId, due, windowStart, deadline, reminderAt, satisfied, misses, schedule, timezone, keptAt,
				until);
	}

	public boolean counts(Instant checkInAt) {
		return checkInAt.isAfter(windowStart) && !checkInAt.isAfter(deadline);
	}

	/** Kept by a check-in at {@code at}: the first one in the window is when it was kept. */
	public Watch asSatisfied(Instant at) {
		Instant kept = satisfied && keptAt != null && keptAt.isBefore(at) ? keptAt : at;
		return new Watch(clientId, due, windowStart, deadline, reminderAt, true, 0, schedule, timezone, kept, awayUntil);
	}

	public Watch withNoMisses() {
		return new Watch(clientId, due, windowStart, deadline, reminderAt, satisfied, 0, schedule, timezone, keptAt,
				awayUntil);
	}
}
