package app.lantern.alert.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import app.lantern.events.ClientProfile;
import org.junit.jupiter.api.Test;

class DueTimesTest {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final ZoneId LONDON = ZoneId.of("Europe/London");

	@Test
	void aDueTimeInTheSpringForwardGapMovesForward() {
		assertThat(DueTimes.at(LocalDate.parse("2026-03-08"), LocalTime.of(2, 30), NEW_YORK))
			.isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
		assertThat(DueTimes.at(LocalDate.parse("2026-03-29"), LocalTime.of(1, 30), LONDON))
			.isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
	}

	@Test
	void aDueTimeInTheFallBackOverlapTakesTheEarlierInstant() {
		assertThat(DueTimes.at(LocalDate.parse("2026-11-01"), LocalTime.of(1, 30), NEW_YORK))
			.isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
		assertThat(DueTimes.at(LocalDate.parse("2026-10-25"), LocalTime.of(1, 30), LONDON))
			.isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
	}

	@Test
	void theNextDueTimeIsTheFirstAfterTheGivenInstantInTheClientsZone() {
		var schedule = new ClientProfile.Schedule(List.of(LocalTime.of(9, 0), LocalTime.of(21, 0)), 60, 30,
				Instant.EPOCH);

		assertThat(DueTimes.nextAfter(schedule, NEW_YORK, Instant.parse("2026-03-10T12:00:00Z")))
			.isEqualTo(Instant.parse("2026-03-10T13:00:00Z"));
		assertThat(DueTimes.nextAfter(schedule, NEW_YORK, Instant.parse("2026-03-10T13:00:00Z")))
			.isEqualTo(Instant.parse("2026-03-11T01:00:00Z"));
		assertThat(DueTimes.nextAfter(schedule, NEW_YORK, Instant.parse("2026-03-11T03:00:00Z")))
			.isEqualTo(Instant.parse("2026-03-11T13:00:00Z"));
	}
}
