package app.lantern.checkin.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import app.lantern.events.ClientProfile;
import app.lantern.events.DueTimes;

/**
 * Where a client stands against their schedule right now, as the caseload says it: paused or discharged,
 * missed (an open missed check-in), checked in for the coming due time, due now (in its grace), due soon
 * (within two hours), or when the next one is. Due times are the client's, in their zone; a due time's
 * window is (previous due time + grace, this one + grace], by the rules engine's own {@link DueTimes}.
 */
final class Standing {

	static final Duration SOON = Duration.ofHours(2);

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

	private Standing() {
	}

	static String of(String status, boolean missed, ZoneId zone, List<LocalTime> dueTimes, int graceMinutes,
			Instant lastCheckIn, Instant now) {
		return of(status, missed, zone, dueTimes.isEmpty() ? null
				: new ClientProfile.Schedule(dueTimes, graceMinutes, 0, Instant.EPOCH), lastCheckIn, now);
	}

	static String of(String status, boolean missed, ZoneId zone, ClientProfile.Schedule schedule, Instant lastCheckIn,
			Instant now) {
		if (!"ACTIVE".equals(status)) {
			return status.toLowerCase(Locale.ROOT);
		}
		if (missed) {
			return "missed";
		}
		if (schedule == null) {
			return "no schedule";
		}
		DueTimes.Window window = DueTimes.windowHolding(schedule, zone, now);
		if (lastCheckIn != null && window.holds(lastCheckIn)) {
			return "checked in";
		}
		Instant due = window.due();
		String at = CLOCK.format(due.atZone(zone));
		if (!now.isBefore(due)) {
			return "due now (" + at + ")";
		}
		return Duration.between(now, due).compareTo(SOON) <= 0 ? "due soon (" + at + ")" : "next " + at;
	}
}
