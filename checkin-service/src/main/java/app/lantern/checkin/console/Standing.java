package app.lantern.checkin.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a client stands against their schedule right now, as the caseload says it: paused or discharged,
 * missed (an open missed check-in), checked in for the coming due time, due now (in its grace), due soon
 * (within two hours), or when the next one is. Due times are the client's, in their zone; a due time's
 * window is (previous due time + grace, this one + grace], as in the rules engine.
 */
final class Standing {

	static final Duration SOON = Duration.ofHours(2);

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

	private Standing() {
	}

	static String of(String status, boolean missed, ZoneId zone, List<LocalTime> dueTimes, int graceMinutes,
			Instant lastCheckIn, Instant now) {
		if (!"ACTIVE".equals(status)) {
			return status.toLowerCase(Locale.ROOT);
		}
		if (missed) {
			return "missed";
		}
		if (dueTimes.isEmpty()) {
			return "no schedule";
		}
		Duration grace = Duration.ofMinutes(graceMinutes);
		List<Instant> dues = new ArrayList<>();
		LocalDate today = LocalDate.ofInstant(now, zone);
		for (LocalDate day = today.minusDays(2); !day.isAfter(today.plusDays(2)); day = day.plusDays(1)) {
			for (LocalTime time : dueTimes) {
				dues.add(ZonedDateTime.of(day, time, zone).toInstant());
			}
		}
		dues.sort(null);
		int next = 0;
		while (!dues.get(next).plus(grace).isAfter(now)) {
			next++;
		}
		Instant due = dues.get(next);
		Instant windowOpens = dues.get(next - 1).plus(grace);
		if (lastCheckIn != null && lastCheckIn.isAfter(windowOpens) && !lastCheckIn.isAfter(due.plus(grace))) {
			return "checked in";
		}
		String at = CLOCK.format(due.atZone(zone));
		if (!now.isBefore(due)) {
			return "due now (" + at + ")";
		}
		return Duration.between(now, due).compareTo(SOON) <= 0 ? "due soon (" + at + ")" : "next " + at;
	}
}
