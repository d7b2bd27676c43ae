package app.lantern.checkin.registry;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import app.lantern.events.ClientProfile;
import app.lantern.events.DuePlan;

/**
 * A schedule said as staff would say it: "every day at 09:00 and 21:00"; "Monday to Friday at 09:00, Saturday at
 * 11:00, none on Sunday"; "from 3 October 2026: every day at 09:00 and 21:00 until 1 November, then every day at
 * 09:00 until 15 November, then Monday, Wednesday and Friday at 09:00". Times are the client's own.
 */
public final class ScheduleWords {

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

	private ScheduleWords() {
	}

	public static String of(ClientProfile.Schedule schedule) {
		DuePlan plan = schedule.plan();
		String week = week(schedule.dueTimes(), plan == null ? Map.of() : plan.weekdays());
		if (plan == null || plan.steps().isEmpty()) {
			return capitalised(week);
		}
		List<String> parts = new ArrayList<>();
		LocalDate from = plan.stepsFrom();
		for (DuePlan.Step step : plan.steps()) {
			String times = step.on().isEmpty() ? "every day at " + times(step.dueTimes())
					: days(step.on()) + " at " + times(step.dueTimes());
			if (step.days() == 0) {
				parts.add(times);
			}
			else {
				from = from.plusDays(step.days());
				parts.add(times + " until " + DAY.format(from.minusDays(1)));
			}
		}
		if (plan.steps().get(plan.steps().size() - 1).days() > 0) {
			parts.add(week);
		}
		return "From " + DATE.format(plan.stepsFrom()) + ": " + String.join(", then ", parts);
	}

	/** The week: each run of days with the same times together, in the week's order. */
	private static String week(List<LocalTime> everyDay, Map<DayOfWeek, List<LocalTime>> weekdays) {
		Map<List<LocalTime>, Set<DayOfWeek>> byTimes = new LinkedHashMap<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			byTimes.computeIfAbsent(weekdays.getOrDefault(day, everyDay), times -> EnumSet.noneOf(DayOfWeek.class))
				.add(day);
		}
		if (byTimes.size() == 1) {
			return "every day at " + times(everyDay);
		}
		List<String> parts = new ArrayList<>();
		byTimes.forEach((times, days) -> parts.add(times.isEmpty() ? "none on " + days(days)
				: days(days) + " at " + times(times)));
		return String.join(", ", parts);
	}

	static String times(List<LocalTime> times) {
		return list(times.stream().map(CLOCK::format).toList());
	}

	/** Days in the week's order; three or more in a row as "Monday to Friday". */
	static String days(Set<DayOfWeek> days) {
		List<String> runs = new ArrayList<>();
		DayOfWeek[] week = DayOfWeek.values();
		for (int i = 0; i < week.length; i++) {
			if (!days.contains(week[i])) {
				continue;
			}
			int end = i;
			while (end + 1 < week.length && days.contains(week[end + 1])) {
				end++;
			}
			if (end - i >= 2) {
				runs.add(name(week[i]) + " to " + name(week[end]));
			}
			else {
				for (int d = i; d <= end; d++) {
					runs.add(name(week[d]));
				}
			}
			i = end;
		}
		return list(runs);
	}

	private static String name(DayOfWeek day) {
		return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
	}

	private static String list(List<String> items) {
		if (items.size() <= 1) {
			return String.join("", items);
		}
		return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
	}

	private static String capitalised(String words) {
		return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}
}
