package app.lantern.checkin.intake;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.lantern.events.ClientProfile;
import app.lantern.events.DueTimes;

/**
 * The client's own picture of the last weeks, day by day in their zone: each day whose due times were all kept
 * (on time, or late within the grace), one with a due time missed, one they were away by their own word, one with
 * nothing due, and today while it is still open — and their streak: the days in a row, back from the last one done,
 * with every due time kept (a day with nothing due neither adds nor breaks it).
 */
record Progress(List<Week> weeks, int streak) {

	enum Status {
		KEPT, LATE, MISSED, AWAY, NONE, OPEN, BEFORE
	}

	record Day(LocalDate date, Status status) {
	}

	record Week(List<Day> days) {
	}

	static Progress of(List<Instant> checkIns, ClientProfile.Schedule schedule, ZoneId zone, Instant from, Instant now,
			Instant awayUntil, int weeks) {
		LocalDate today = now.atZone(zone).toLocalDate();
		LocalDate first = today.minusWeeks(weeks - 1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		LocalDate started = from.atZone(zone).toLocalDate();
		Map<LocalDate, Status> days = new LinkedHashMap<>();
		for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
			days.put(day, day.isBefore(started) ? Status.BEFORE
					: schedule.timesOn(day).isEmpty() ? Status.NONE : Status.OPEN);
		}
		Instant start = first.atStartOfDay(zone).toInstant();
		start = start.isAfter(from) ? start : from;
		Duration grace = Duration.ofMinutes(schedule.graceMinutes());
		int next = 0;
		Instant opens = start;
		boolean todayDone = true;
		for (Instant due = DueTimes.nextAfter(schedule, zone, start); !due.atZone(zone).toLocalDate().isAfter(today);
				due = DueTimes.nextAfter(schedule, zone, due)) {
			LocalDate day = due.atZone(zone).toLocalDate();
			Instant deadline = due.plus(grace);
			if (deadline.isAfter(now)) {
				todayDone = false;
				break;
			}
			Instant keptAt = null;
			while (next < checkIns.size() && !checkIns.get(next).isAfter(deadline)) {
				if (keptAt == null && checkIns.get(next).isAfter(opens)) {
					keptAt = checkIns.get(next);
				}
				next++;
			}
			Status was = days.get(day);
			Status status = keptAt == null ? Status.MISSED : keptAt.isAfter(due) ? Status.LATE : Status.KEPT;
			if (was != null && was != Status.BEFORE && worse(status, was)) {
				days.put(day, status);
			}
			opens = deadline;
		}
		Status todays = days.get(today);
		if (!todayDone && (todays == Status.KEPT || todays == Status.LATE)) {
			days.put(today, Status.OPEN); // kept so far, more due later today
		}
		if (awayUntil != null) {
			days.replaceAll((day, status) -> status == Status.MISSED && day.atStartOfDay(zone).toInstant().isBefore(awayUntil)
					&& !day.isAfter(today) ? Status.AWAY : status);
		}
		List<Day> all = days.entrySet().stream().map(entry -> new Day(entry.getKey(), entry.getValue())).toList();
		List<Week> weekList = new ArrayList<>();
		for (int i = 0; i < all.size(); i += 7) {
			weekList.add(new Week(all.subList(i, Math.min(i + 7, all.size()))));
		}
		return new Progress(weekList, streak(all));
	}

	/** Days in a row with every due time kept, back from the last day done; a day with nothing due is passed over. */
	private static int streak(List<Day> days) {
		int streak = 0;
		for (int i = days.size() - 1; i >= 0; i--) {
			Status status = days.get(i).status();
			if (status == Status.KEPT || status == Status.LATE) {
				streak++;
			}
			else if (status == Status.MISSED || status == Status.BEFORE) {
				break;
			}
		}
		return streak;
	}

	private static boolean worse(Status status, Status than) {
		return rank(status) > rank(than);
	}

	private static int rank(Status status) {
		return switch (status) {
			case MISSED -> 3;
			case LATE -> 2;
			case KEPT -> 1;
			default -> 0;
		};
	}
}
