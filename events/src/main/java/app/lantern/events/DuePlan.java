package app.lantern.events;

import static app.lantern.events.Invariants.present;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The due times a schedule keeps on each of the client's own days, when they are not the same every day.
 * {@code weekdays}: the times of some days of the week instead of the schedule's every-day times (an empty list:
 * no check-in that day) — "weekdays at 09:00, Saturday at 11:00, none on Sunday". {@code steps}: a step-down plan
 * counted in the client's days from {@code stepsFrom} — "twice a day for 30 days, then daily for 60, then Monday,
 * Wednesday and Friday" — each step for its {@code days} (0: for ever, the last only), after the last the
 * schedule's own times. Dates are the client's: a plan knows no zone, and DST moves none of its days.
 */
public record DuePlan(Map<DayOfWeek, List<LocalTime>> weekdays, LocalDate stepsFrom, List<Step> steps) {

	public DuePlan {
		weekdays = weekdays == null ? Map.of() : copy(weekdays);
		steps = steps == null ? List.of() : List.copyOf(steps);
		if (!steps.isEmpty()) {
			present(stepsFrom, "plan.stepsFrom");
		}
		for (int i = 0; i < steps.size() - 1; i++) {
			if (steps.get(i).days() == 0) {
				throw new InvalidEventException("plan.steps[" + i + "].days: only the last step lasts for ever");
			}
		}
	}

	/** Only days of the week of their own. */
	public static DuePlan byWeekday(Map<DayOfWeek, List<LocalTime>> weekdays) {
		return new DuePlan(weekdays, null, null);
	}

	/** Whether the plan makes any day differ from the every-day times. */
	public boolean isEmpty() {
		return weekdays.isEmpty() && steps.isEmpty();
	}

	/** The due times of the client's {@code day}, earliest first; often none on a day off. */
	public List<LocalTime> timesOn(LocalDate day, List<LocalTime> everyDay) {
		if (!steps.isEmpty() && !day.isBefore(stepsFrom)) {
			long into = ChronoUnit.DAYS.between(stepsFrom, day);
			for (Step step : steps) {
				if (step.days() == 0 || into < step.days()) {
					return step.timesOn(day.getDayOfWeek());
				}
				into -= step.days();
			}
		}
		return weekdays.getOrDefault(day.getDayOfWeek(), everyDay);
	}

	/** The step {@code day} falls in (its index), or -1 before the plan, after its last step, or without one. */
	public int stepOn(LocalDate day) {
		if (steps.isEmpty() || day.isBefore(stepsFrom)) {
			return -1;
		}
		long into = ChronoUnit.DAYS.between(stepsFrom, day);
		for (int i = 0; i < steps.size(); i++) {
			if (steps.get(i).days() == 0 || into < steps.get(i).days()) {
				return i;
			}
			into -= steps.get(i).days();
		}
		return -1;
	}

	/** Whether a client on these every-day times could go a whole week with nothing due (a schedule refuses it). */
	public boolean hasAnEmptyWeek(List<LocalTime> everyDay) {
		return EnumSet.allOf(DayOfWeek.class).stream().allMatch(day -> weekdays.getOrDefault(day, everyDay).isEmpty())
				|| steps.stream().anyMatch(step -> step.dueTimes().isEmpty());
	}

	private static Map<DayOfWeek, List<LocalTime>> copy(Map<DayOfWeek, List<LocalTime>> weekdays) {
		Map<DayOfWeek, List<LocalTime>> copy = new EnumMap<>(DayOfWeek.class);
		weekdays.forEach((day, times) -> copy.put(present(day, "plan.weekdays"), sortedDistinct(times)));
		return Map.copyOf(copy);
	}

	private static List<LocalTime> sortedDistinct(List<LocalTime> times) {
		return List.copyOf(present(times, "plan.weekdays[]")).stream().sorted().distinct().toList();
	}

	/**
	 * One step of a step-down plan: {@code dueTimes} on the days {@code on} (empty: every day), for {@code days}
	 * days (0: for ever).
	 */
	public record Step(@JsonProperty(required = true) int days, List<LocalTime> dueTimes, Set<DayOfWeek> on) {

		public Step {
			if (days < 0 || days > 3660) {
				throw new InvalidEventException("plan.steps.days must be between 0 and 3660 but was " + days);
			}
			dueTimes = sortedDistinct(dueTimes);
			on = on == null || on.isEmpty() ? Set.of() : Set.copyOf(on);
		}

		List<LocalTime> timesOn(DayOfWeek day) {
			return on.isEmpty() || on.contains(day) ? dueTimes : List.of();
		}
	}
}
