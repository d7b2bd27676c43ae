package app.lantern.events;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A client's due times as instants, and which due time a moment belongs to. Each due time D has the window
 * (previous D + grace, D + grace]: a check-in counts for the due time whose window holds it. Daylight saving
 * follows java.time: a local due time in a spring-forward gap moves forward by the gap's length; one in a
 * fall-back overlap takes the earlier instant. A schedule's days may differ (by weekday, or stepping down — see
 * {@link DuePlan}): the times are those of each of the client's own days.
 */
public final class DueTimes {

	/** Days a search for a due time looks through: a plan leaves no week without one, and a step-down's days meet. */
	private static final int DAYS_LOOKED_AT = 16;

	private DueTimes() {
	}

	public static Instant at(LocalDate date, LocalTime time, ZoneId zone) {
		return ZonedDateTime.of(date, time, zone).toInstant();
	}

	/** The first due time strictly after {@code after}, the same times every day. */
	public static Instant nextAfter(List<LocalTime> dueTimes, ZoneId zone, Instant after) {
		List<LocalTime> times = sorted(dueTimes);
		return nextAfter(day -> times, zone, after);
	}

	/** The first due time of the schedule strictly after {@code after}: its times on each of the client's days. */
	public static Instant nextAfter(ClientProfile.Schedule schedule, ZoneId zone, Instant after) {
		return nextAfter(schedule::timesOn, zone, after);
	}

	private static Instant nextAfter(Function<LocalDate, List<LocalTime>> timesOn, ZoneId zone, Instant after) {
		LocalDate day = after.atZone(zone).toLocalDate().minusDays(1);
		for (int i = 0; i < DAYS_LOOKED_AT; i++, day = day.plusDays(1)) {
			for (LocalTime time : timesOn.apply(day)) {
				Instant due = at(day, time, zone);
				if (due.isAfter(after)) {
					return due;
				}
			}
		}
		throw new IllegalArgumentException("no due time within two weeks of " + after);
	}

	/** The last due time at or before {@code at}. */
	private static Instant lastAtOrBefore(Function<LocalDate, List<LocalTime>> timesOn, ZoneId zone, Instant at) {
		LocalDate day = at.atZone(zone).toLocalDate().plusDays(1);
		for (int i = 0; i < DAYS_LOOKED_AT; i++, day = day.minusDays(1)) {
			List<LocalTime> times = timesOn.apply(day);
			for (int t = times.size() - 1; t >= 0; t--) {
				Instant due = at(day, times.get(t), zone);
				if (!due.isAfter(at)) {
					return due;
				}
			}
		}
		throw new IllegalArgumentException("no due time within two weeks before " + at);
	}

	/** The window of the due time that {@code moment} counts for, the same times every day. */
	public static Window windowHolding(List<LocalTime> dueTimes, Duration grace, ZoneId zone, Instant moment) {
		List<LocalTime> times = sorted(dueTimes);
		return windowHolding(day -> times, grace, zone, moment);
	}

	/** The window of the schedule's due time that {@code moment} counts for. */
	public static Window windowHolding(ClientProfile.Schedule schedule, ZoneId zone, Instant moment) {
		return windowHolding(schedule::timesOn, Duration.ofMinutes(schedule.graceMinutes()), zone, moment);
	}

	private static Window windowHolding(Function<LocalDate, List<LocalTime>> timesOn, Duration grace, ZoneId zone,
			Instant moment) {
		Instant due = nextAfter(timesOn, zone, moment.minus(grace).minusNanos(1));
		Instant previous = lastAtOrBefore(timesOn, zone, due.minusNanos(1));
		return new Window(previous.plus(grace), due, due.plus(grace));
	}

	public static Instant deadline(ClientProfile.Schedule schedule, Instant due) {
		return due.plus(Duration.ofMinutes(schedule.graceMinutes()));
	}

	/** When to remind before {@code due}, or null when the schedule asks for no reminder. */
	public static Instant reminder(ClientProfile.Schedule schedule, Instant due) {
		return schedule.reminderMinutesBefore() == 0 ? null
				: due.minus(Duration.ofMinutes(schedule.reminderMinutesBefore()));
	}

	/** The reminder ladder's nudges for {@code due} (at it, and inside its grace), earliest first; often none. */
	public static List<Instant> nudges(ClientProfile.Schedule schedule, Instant due) {
		List<Instant> nudges = new ArrayList<>(2);
		if (schedule.nudgeAtDue()) {
			nudges.add(due);
		}
		if (schedule.nudgeMinutesAfter() > 0) {
			nudges.add(due.plus(Duration.ofMinutes(schedule.nudgeMinutesAfter())));
		}
		return nudges;
	}

	private static List<LocalTime> sorted(List<LocalTime> dueTimes) {
		if (dueTimes.isEmpty()) {
			throw new IllegalArgumentException("a schedule needs at least one due time");
		}
		return dueTimes.stream().sorted().toList();
	}

	/** The window (opens, closes] of the due time {@code due}; {@code closes} is its deadline. */
	public record Window(Instant opens, Instant due, Instant closes) {

		public boolean holds(Instant moment) {
			return moment.isAfter(opens) && !moment.isAfter(closes);
		}
	}
}
