package app.lantern.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DueTimesTest {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final List<LocalTime> MORNING_AND_EVENING = List.of(LocalTime.of(9, 0), LocalTime.of(21, 0));

	@ParameterizedTest(name = "{1} at {0}, {2} -> {3}")
	@CsvSource(textBlock = """
			# spring forward: the local time does not exist, the due time moves forward by the gap
			America/New_York, 2026-03-08, 02:30, 2026-03-08T07:30:00Z
			Europe/London,    2026-03-29, 01:30, 2026-03-29T01:30:00Z
			# fall back: the local time happens twice, the earlier instant counts
			America/New_York, 2026-11-01, 01:30, 2026-11-01T05:30:00Z
			Europe/London,    2026-10-25, 01:30, 2026-10-25T00:30:00Z
			# an ordinary day
			America/New_York, 2026-03-10, 09:00, 2026-03-10T13:00:00Z
			""")
	void aLocalDueTimeIsAnInstantByJavaTime(ZoneId zone, LocalDate date, LocalTime time, Instant expected) {
		assertThat(DueTimes.at(date, time, zone)).isEqualTo(expected);
	}

	@Test
	void theNextDueTimeIsTheFirstAfterTheGivenInstantInTheClientsZone() {
		assertThat(DueTimes.nextAfter(MORNING_AND_EVENING, NEW_YORK, Instant.parse("2026-03-10T12:00:00Z")))
			.isEqualTo(Instant.parse("2026-03-10T13:00:00Z"));
		assertThat(DueTimes.nextAfter(MORNING_AND_EVENING, NEW_YORK, Instant.parse("2026-03-10T13:00:00Z")))
			.isEqualTo(Instant.parse("2026-03-11T01:00:00Z"));
		assertThat(DueTimes.nextAfter(MORNING_AND_EVENING, NEW_YORK, Instant.parse("2026-03-11T03:00:00Z")))
			.isEqualTo(Instant.parse("2026-03-11T13:00:00Z"));
	}

	/** Due 09:00 (14:00Z) and 21:00 (02:00Z) in New York in November, 60 minutes' grace. */
	@ParameterizedTest(name = "{0} counts for the due time {2}")
	@CsvSource(textBlock = """
			2026-11-23T03:00:01Z, 2026-11-23T03:00:00Z, 2026-11-23T14:00:00Z
			2026-11-23T13:30:00Z, 2026-11-23T03:00:00Z, 2026-11-23T14:00:00Z
			2026-11-23T15:00:00Z, 2026-11-23T03:00:00Z, 2026-11-23T14:00:00Z
			2026-11-23T15:00:01Z, 2026-11-23T15:00:00Z, 2026-11-24T02:00:00Z
			2026-11-23T03:00:00Z, 2026-11-22T15:00:00Z, 2026-11-23T02:00:00Z
			""")
	void aMomentCountsForTheDueTimeWhoseWindowHoldsIt(Instant moment, Instant opens, Instant due) {
		DueTimes.Window window = DueTimes.windowHolding(MORNING_AND_EVENING, Duration.ofMinutes(60), NEW_YORK, moment);

		assertThat(window).isEqualTo(new DueTimes.Window(opens, due, due.plus(Duration.ofMinutes(60))));
		assertThat(window.holds(moment)).isTrue();
		assertThat(window.holds(opens)).as("the window is open at its start").isFalse();
	}

	/** Weekdays at 09:00, Saturday at 11:00, nothing on Sunday — and across both of New York's DST weekends. */
	private static final ClientProfile.Schedule WEEKDAYS = new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 0,
			Instant.parse("2026-01-01T00:00:00Z"), false, 0,
			DuePlan.byWeekday(Map.of(DayOfWeek.SATURDAY, List.of(LocalTime.of(11, 0)), DayOfWeek.SUNDAY, List.of())));

	@ParameterizedTest(name = "after {0} -> {1}")
	@CsvSource(textBlock = """
			# Friday 09:00 EDT -> Saturday's later time
			2026-10-30T13:00:00Z, 2026-10-31T15:00:00Z
			# Saturday 11:00 EDT -> Monday 09:00 EST: Sunday has none, and the clocks went back in between
			2026-10-31T15:00:00Z, 2026-11-02T14:00:00Z
			# Saturday 11:00 EST -> Monday 09:00 EDT: the clocks went forward on the Sunday
			2026-03-07T16:00:00Z, 2026-03-09T13:00:00Z
			# an ordinary Tuesday -> Wednesday
			2026-03-10T13:00:00Z, 2026-03-11T13:00:00Z
			""")
	void aWeekdayScheduleKeepsEachDaysOwnTimesInTheClientsZone(Instant after, Instant expected) {
		assertThat(DueTimes.nextAfter(WEEKDAYS, NEW_YORK, after)).isEqualTo(expected);
	}

	@Test
	void aCheckInOnTheDayOffCountsForTheNextDueTime() {
		DueTimes.Window window = DueTimes.windowHolding(WEEKDAYS, NEW_YORK, Instant.parse("2026-11-01T12:00:00Z"));

		assertThat(window).isEqualTo(new DueTimes.Window(Instant.parse("2026-10-31T16:00:00Z"),
				Instant.parse("2026-11-02T14:00:00Z"), Instant.parse("2026-11-02T15:00:00Z")));
	}

	@ParameterizedTest(name = "{0}, due on its day at {1} -> {2}")
	@CsvSource(textBlock = """
			# a weekday's own time in the spring-forward gap moves forward by the gap, as every due time does
			America/New_York, 2026-03-07T14:00:00Z, 02:30, 2026-03-08T07:30:00Z
			Europe/London,    2026-03-28T09:00:00Z, 01:30, 2026-03-29T01:30:00Z
			# in the fall-back overlap, the earlier instant
			America/New_York, 2026-10-31T13:00:00Z, 01:30, 2026-11-01T05:30:00Z
			""")
	void aWeekdaysOwnTimeInTheDstChangeFollowsJavaTime(ZoneId zone, Instant after, LocalTime sunday, Instant expected) {
		ClientProfile.Schedule sundays = new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 0, Instant.EPOCH,
				false, 0, DuePlan.byWeekday(Map.of(DayOfWeek.SUNDAY, List.of(sunday))));

		assertThat(DueTimes.nextAfter(sundays, zone, after)).isEqualTo(expected);
	}

	/**
	 * From Saturday 3 October: twice a day for 30 days (to Sunday 1 November, the night the clocks go back), then
	 * daily for 14, then Monday, Wednesday and Friday for good.
	 */
	private static final ClientProfile.Schedule STEPPING_DOWN = new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60,
			0, Instant.parse("2026-10-03T00:00:00Z"), false, 0,
			new DuePlan(null, LocalDate.of(2026, 10, 3),
					List.of(new DuePlan.Step(30, MORNING_AND_EVENING, null),
							new DuePlan.Step(14, List.of(LocalTime.of(9, 0)), null),
							new DuePlan.Step(0, List.of(LocalTime.of(9, 0)),
									Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY)))));

	@ParameterizedTest(name = "after {0} -> {1}")
	@CsvSource(textBlock = """
			# Saturday 31 October 21:00 EDT -> Sunday 09:00 EST, the first step's last day, after the clocks went back
			2026-11-01T01:00:00Z, 2026-11-01T14:00:00Z
			2026-11-01T14:00:00Z, 2026-11-02T02:00:00Z
			# Monday 2 November, day 30: once a day
			2026-11-02T02:00:00Z, 2026-11-02T14:00:00Z
			2026-11-02T14:00:00Z, 2026-11-03T14:00:00Z
			# Sunday 15 November, the second step's last day -> Monday 16, the third step's first
			2026-11-15T14:00:00Z, 2026-11-16T14:00:00Z
			2026-11-16T14:00:00Z, 2026-11-18T14:00:00Z
			2026-11-20T14:00:00Z, 2026-11-23T14:00:00Z
			# before the plan begins, the every-day times
			2026-10-01T14:00:00Z, 2026-10-02T13:00:00Z
			""")
	void aStepDownPlanKeepsEachStepForItsDaysInTheClientsZone(Instant after, Instant expected) {
		assertThat(DueTimes.nextAfter(STEPPING_DOWN, NEW_YORK, after)).isEqualTo(expected);
	}

	@Test
	void aPlanThatLeavesAWeekOrAStepWithNothingDueIsRefused() {
		Map<DayOfWeek, List<LocalTime>> noDay = new java.util.EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			noDay.put(day, List.of());
		}
		assertThatThrownBy(() -> new ClientProfile.Schedule(List.of(LocalTime.NOON), 60, 0, Instant.EPOCH, false, 0,
				DuePlan.byWeekday(noDay))).isInstanceOf(InvalidEventException.class);
		assertThatThrownBy(() -> new DuePlan(null, LocalDate.of(2026, 1, 1),
				List.of(new DuePlan.Step(0, List.of(LocalTime.NOON), null), new DuePlan.Step(5, List.of(LocalTime.NOON), null))))
			.isInstanceOf(InvalidEventException.class).hasMessageContaining("steps[0]");
	}

	@Test
	void aScheduleWithAPlanIsTheSameAfterItsJson() {
		String json = EventJson.writeString(STEPPING_DOWN);

		assertThat(EventJson.read(json, ClientProfile.Schedule.class)).isEqualTo(STEPPING_DOWN);
		assertThat(EventJson.read(EventJson.writeString(WEEKDAYS), ClientProfile.Schedule.class)).isEqualTo(WEEKDAYS);
	}
}
