package app.lantern.alert.time;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import app.lantern.events.ClientProfile;

/**
 * Due times as instants, DST-correct by java.time: a local due time that falls in a spring-forward gap moves
 * forward by the gap's length; one in a fall-back overlap takes the earlier instant.
 */
public final class DueTimes {

	private DueTimes() {
	}

	public static Instant at(LocalDate date, LocalTime time, ZoneId zone) {
		return ZonedDateTime.of(date, time, zone).toInstant();
	}

	/** The first due time strictly after {@code after}. */
	public static Instant nextAfter(ClientProfile.Schedule schedule, ZoneId zone, Instant after) {
		LocalDate day = after.atZone(zone).toLocalDate().minusDays(1);
		for (int i = 0; i < 4; i++, day = day.plusDays(1)) {
			for (LocalTime time : schedule.dueTimes()) {
				Instant due = at(day, time, zone);
				if (due.isAfter(after)) {
					return due;
				}
			}
		}
		throw new IllegalStateException("no due time within three days of " + after);
	}

	public static Instant deadline(ClientProfile.Schedule schedule, Instant due) {
		return due.plus(Duration.ofMinutes(schedule.graceMinutes()));
	}

	/** When to remind before {@code due}, or null when the schedule asks for no reminder. */
	public static Instant reminder(ClientProfile.Schedule schedule, Instant due) {
		return schedule.reminderMinutesBefore() == 0 ? null : due.minus(Duration.ofMinutes(schedule.reminderMinutesBefore()));
	}
}
