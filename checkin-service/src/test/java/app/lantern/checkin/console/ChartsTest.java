package app.lantern.checkin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import app.lantern.checkin.intake.CheckIns;
import app.lantern.events.ClientProfile;
import org.junit.jupiter.api.Test;

/** The client page's chart is drawn against time: where each check-in came, and each due time missed. */
class ChartsTest {

	private static final Instant FROM = Instant.parse("2026-11-22T00:00:00Z");

	private static final Instant TO = FROM.plus(Duration.ofDays(14));

	@Test
	void aCheckInIsPlacedByWhenItCameNotByItsTurn() {
		List<CheckIns.CheckInView> newestFirst = List.of(checkIn(FROM.plus(Duration.ofDays(7)), 3, 4),
				checkIn(FROM.plus(Duration.ofDays(1)), 8, null), checkIn(FROM.minus(Duration.ofDays(1)), 10, 1));

		Charts.Lines chart = Charts.overTime(newestFirst, List.of(FROM.plus(Duration.ofDays(2))), FROM, TO);

		// 580 pixels for 14 days: day 1 at 10 + 580/14, day 7 at 10 + 290; the one before the window is left out
		assertThat(chart.craving()).isEqualTo("51,30 300,80");
		assertThat(chart.mood()).isEqualTo("300,30");
		assertThat(chart.missed()).containsExactly(92);
	}

	@Test
	void theDueTimesMissedAreThoseWithNoCheckInInTheirWindow() {
		ClientProfile.Schedule daily = new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 0, Instant.EPOCH);
		List<Instant> checkIns = List.of(Instant.parse("2026-11-22T09:30:00Z"), Instant.parse("2026-11-24T08:50:00Z"));

		assertThat(KeptDueTimes.missed(checkIns, daily, ZoneOffset.UTC, FROM, Instant.parse("2026-11-25T12:00:00Z")))
			.containsExactly(Instant.parse("2026-11-23T09:00:00Z"), Instant.parse("2026-11-25T09:00:00Z"));
	}

	private static CheckIns.CheckInView checkIn(Instant at, Integer craving, Integer mood) {
		return new CheckIns.CheckInView(UUID.randomUUID(), "SMS", craving, mood, false, null, false, at);
	}
}
