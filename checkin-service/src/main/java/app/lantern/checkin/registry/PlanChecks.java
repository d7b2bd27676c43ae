package app.lantern.checkin.registry;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import app.lantern.checkin.web.FieldChecks;
import app.lantern.events.DuePlan;

/** Turns a schedule's {@link RegistryRequests.PlanBody} into a checked plan, naming every wrong field. */
final class PlanChecks {

	static final int MOST_STEPS = 10;

	private static final String TIME = "must be a time HH:mm or HH:mm:ss, such as 09:00";

	private PlanChecks() {
	}

	/** A checked plan whose step-down may still need its first day (today in the client's zone, when stored). */
	record Plan(Map<DayOfWeek, List<LocalTime>> weekdays, LocalDate stepsFrom, List<DuePlan.Step> steps) {

		DuePlan startingBy(LocalDate today) {
			return new DuePlan(weekdays, steps.isEmpty() ? null : stepsFrom == null ? today : stepsFrom, steps);
		}
	}

	/** Null when the body has no plan, or one that changes no day. */
	static Plan plan(FieldChecks checks, RegistryRequests.PlanBody body, List<LocalTime> everyDay, String prefix) {
		if (body == null) {
			return null;
		}
		Map<DayOfWeek, List<LocalTime>> weekdays = new EnumMap<>(DayOfWeek.class);
		if (body.weekdays() != null) {
			body.weekdays().forEach((name, times) -> {
				DayOfWeek day = day(name);
				String field = prefix + "weekdays." + name;
				if (day == null) {
					checks.reject(field, "is not a day of the week: MONDAY (or MON) to SUNDAY");
				}
				else {
					weekdays.put(day, times(checks, times, field, true));
				}
			});
		}
		List<DuePlan.Step> steps = new ArrayList<>();
		List<RegistryRequests.StepBody> bodies = body.steps() == null ? List.of() : body.steps();
		if (bodies.size() > MOST_STEPS) {
			checks.reject(prefix + "steps", "must have at most " + MOST_STEPS + " steps");
		}
		for (int i = 0; i < bodies.size() && i < MOST_STEPS; i++) {
			String field = prefix + "steps[" + i + "].";
			RegistryRequests.StepBody step = bodies.get(i);
			if (step == null) {
				checks.reject(prefix + "steps[" + i + "]", "must be a step such as {\"days\": 30, \"dueTimes\": [\"09:00\"]}");
				continue;
			}
			boolean last = i == bodies.size() - 1;
			int days = step.days() == null ? (last ? 0 : -1) : step.days();
			if (days < 0 || days > 3660 || (days == 0 && !last)) {
				checks.reject(field + "days", last ? "must be 0 (for ever) to 3660" : "must be 1 to 3660: only the last "
						+ "step may last for ever");
			}
			List<LocalTime> times = times(checks, step.dueTimes(), field + "dueTimes", false);
			Set<DayOfWeek> on = EnumSet.noneOf(DayOfWeek.class);
			for (String name : step.on() == null ? List.<String>of() : step.on()) {
				DayOfWeek day = day(name);
				if (day == null) {
					checks.reject(field + "on", "names a day that is not one: MONDAY (or MON) to SUNDAY");
				}
				else {
					on.add(day);
				}
			}
			if (!checks.hasAny()) {
				steps.add(new DuePlan.Step(days, times, on));
			}
		}
		LocalDate stepsFrom = body.stepsFrom() == null || body.stepsFrom().isBlank() ? null
				: checks.parse(body.stepsFrom().trim(), LocalDate::parse, prefix + "stepsFrom",
						"must be a date such as 2026-12-24");
		if (checks.hasAny() || (weekdays.isEmpty() && steps.isEmpty())) {
			return null;
		}
		if (new DuePlan(weekdays, null, null).hasAnEmptyWeek(everyDay)) {
			checks.reject(prefix + "weekdays", "leaves every day of the week without a due time");
			return null;
		}
		return new Plan(weekdays, stepsFrom, steps);
	}

	private static List<LocalTime> times(FieldChecks checks, List<String> raw, String field, boolean noneAllowed) {
		if (raw == null || (raw.isEmpty() && !noneAllowed)) {
			checks.reject(field, "needs at least one time, as in [\"09:00\"]");
			return List.of();
		}
		if (raw.size() > 12) {
			checks.reject(field, "must have at most 12 times");
			return List.of();
		}
		List<LocalTime> times = new ArrayList<>();
		for (int i = 0; i < raw.size(); i++) {
			LocalTime time = raw.get(i) == null ? null : checks.time(raw.get(i), field + "[" + i + "]", TIME);
			if (time != null) {
				times.add(time);
			}
			else if (raw.get(i) == null) {
				checks.reject(field + "[" + i + "]", TIME);
			}
		}
		return times;
	}

	/** MONDAY, Monday, MON or mon; null for anything else. */
	static DayOfWeek day(String name) {
		if (name == null || name.isBlank()) {
			return null;
		}
		String upper = name.trim().toUpperCase(Locale.ROOT);
		for (DayOfWeek day : DayOfWeek.values()) {
			if (day.name().equals(upper) || (upper.length() == 3 && day.name().startsWith(upper))) {
				return day;
			}
		}
		return null;
	}
}
