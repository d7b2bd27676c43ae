package app.lantern.checkin.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import app.lantern.events.ClientProfile;
import app.lantern.events.DuePlan;
import org.junit.jupiter.api.Test;

/** The client's own calendar of the last weeks and their streak, in their zone. */
class ProgressTest {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	/** Weekdays at 09:00 with an hour's grace; nothing on the weekend. */
	private static final ClientProfile.Schedule WEEKDAYS = new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 0,
			Instant.EPOCH, false, 0, DuePlan.byWeekday(Map.of(DayOfWeek.SATURDAY, List.of(), DayOfWeek.SUNDAY, List.of())));

	@Test
	void eachDayIsKeptLateMissedOrFreeAndTheStreakPassesOverTheWeekend() {
		// enrolled Monday 30 November; now Wednesday 9 December, 10:30
		Instant enrolled = Instant.parse("2026-11-30T12:00:00Z");
		List<Instant> checkIns = List.of(
				Instant.parse("2026-11-30T13:50:00Z"), // Mon 08:50: kept
				// Tue 1 December: nothing — missed
				Instant.parse("2026-12-02T14:30:00Z"), // Wed 09:30: late, inside the grace
				Instant.parse("2026-12-03T13:00:00Z"), // Thu
				Instant.parse("2026-12-04T13:00:00Z"), // Fri
				Instant.parse("2026-12-07T13:00:00Z"), // Mon
				Instant.parse("2026-12-08T13:00:00Z"), // Tue
				Instant.parse("2026-12-09T14:10:00Z")); // Wed 09:10: late

		Progress progress = Progress.of(checkIns, WEEKDAYS, NEW_YORK, enrolled, Instant.parse("2026-12-09T15:30:00Z"), null,
				2);

		assertThat(progress.weeks()).hasSize(2);
		assertThat(progress.weeks().get(0).days()).extracting(Progress.Day::status).containsExactly(
				Progress.Status.KEPT, Progress.Status.MISSED, Progress.Status.LATE, Progress.Status.KEPT,
				Progress.Status.KEPT, Progress.Status.NONE, Progress.Status.NONE);
		assertThat(progress.weeks().get(1).days()).extracting(Progress.Day::status).containsExactly(
				Progress.Status.KEPT, Progress.Status.KEPT, Progress.Status.LATE);
		assertThat(progress.streak()).as("Wed 2 December to today, the weekend passed over").isEqualTo(6);
	}

	@Test
	void todayIsOpenUntilItsLastDueTimeHasPassedAndDaysAwayAreNotMissed() {
		ClientProfile.Schedule twice = new ClientProfile.Schedule(List.of(LocalTime.of(9, 0), LocalTime.of(21, 0)), 60, 0,
				Instant.EPOCH);
		// enrolled Tuesday 8 December at 08:00, away by their word until Wednesday began; now Wednesday 11:00
		Instant enrolled = Instant.parse("2026-12-08T13:00:00Z");
		Progress progress = Progress.of(List.of(Instant.parse("2026-12-09T14:00:00Z")), twice, NEW_YORK, enrolled,
				Instant.parse("2026-12-09T16:00:00Z"), Instant.parse("2026-12-09T05:00:00Z"), 1);

		assertThat(progress.weeks().get(0).days()).extracting(Progress.Day::status).containsExactly(
				Progress.Status.BEFORE, Progress.Status.AWAY, Progress.Status.OPEN);
	}
}
