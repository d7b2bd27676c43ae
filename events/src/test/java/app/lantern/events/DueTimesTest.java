package app.lantern.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

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
}
