package app.lantern.checkin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client page's count of due times kept, a day at a time (09:00 UTC, an hour's grace), newest day last. */
class KeptDueTimesTest {

	private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# what | days kept, oldest first (1 kept at 09:10, 0 missed, l kept late at 09:59, L at 09:40, e early at 08:30) | says
			every day for five weeks | 11111111111111111111111111111111111 | 7 of 7 due times in the last 7 days (100 %); 28 of 28 in the 28 days before (100 %): about as before; on average 10 min after the due time, against 10 min before
			the last week, one day in two | 11111111111111111111111111110101010 | 3 of 7 due times in the last 7 days (43 %); 28 of 28 in the 28 days before (100 %): fewer than before; on average 10 min after the due time, against 10 min before
			every day, but later the last week | 1111111111111111111111111111LLLLLLL | 7 of 7 due times in the last 7 days (100 %); 28 of 28 in the 28 days before (100 %): about as before; on average 40 min after the due time, against 10 min before
			back after a bad month | 00000000000000000000000000001111111 | 7 of 7 due times in the last 7 days (100 %); 0 of 28 in the 28 days before (0 %): more than before; on average 10 min after the due time
			late or early, inside the window (early counts as on time) | lelelelelelelelelelelelelelelelelel | 7 of 7 due times in the last 7 days (100 %); 28 of 28 in the 28 days before (100 %): about as before; on average 34 min after the due time, against 30 min before
			a silent week | 11111111111111111111111111110000000 | 0 of 7 due times in the last 7 days (0 %); 28 of 28 in the 28 days before (100 %): fewer than before
			enrolled three days ago | 111 | 3 of 3 due times in the last 7 days (100 %); on average 10 min after the due time
			""")
	void counts(String what, String days, String says) {
		List<Instant> checkIns = new ArrayList<>();
		Instant firstDay = Instant.parse("2026-11-30T09:00:00Z").minus(Duration.ofDays(days.length() - 1));
		for (int i = 0; i < days.length(); i++) {
			Instant due = firstDay.plus(Duration.ofDays(i));
			switch (days.charAt(i)) {
				case '1' -> checkIns.add(due.plus(Duration.ofMinutes(10)));
				case 'l' -> checkIns.add(due.plus(Duration.ofMinutes(59)));
				case 'L' -> checkIns.add(due.plus(Duration.ofMinutes(40)));
				case 'e' -> checkIns.add(due.minus(Duration.ofMinutes(30)));
				default -> {
				}
			}
		}
		Instant enrolled = firstDay.minus(Duration.ofHours(1));

		var kept = KeptDueTimes.of(checkIns, List.of(LocalTime.of(9, 0)), 60, ZoneOffset.UTC, enrolled, NOW);

		assertThat(kept.describe()).as(what).isEqualTo(says);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			every day for five weeks | 11111111111111111111111111111111111 | 100 %
			the last week, one day in two | 11111111111111111111111111110101010 | 43 %, down from 100 %
			back after a bad month | 00000000000000000000000000001111111 | 100 %, up from 0 %
			""")
	void theCaseloadSaysItBriefly(String what, String days, String says) {
		List<Instant> checkIns = new ArrayList<>();
		Instant firstDay = Instant.parse("2026-11-30T09:00:00Z").minus(Duration.ofDays(days.length() - 1));
		for (int i = 0; i < days.length(); i++) {
			if (days.charAt(i) == '1') {
				checkIns.add(firstDay.plus(Duration.ofDays(i)).plus(Duration.ofMinutes(10)));
			}
		}

		assertThat(KeptDueTimes.of(checkIns, List.of(LocalTime.of(9, 0)), 60, ZoneOffset.UTC,
				firstDay.minus(Duration.ofHours(1)), NOW).brief()).as(what).isEqualTo(says);
	}

	@ParameterizedTest
	@CsvSource({ "2026-11-30T09:00:00Z", "2026-11-30T11:59:00Z" })
	void nothingToSayBeforeTheFirstDeadline(Instant enrolled) {
		assertThat(KeptDueTimes.of(List.of(), List.of(LocalTime.of(9, 0)), 180, ZoneOffset.UTC, enrolled, NOW)
			.describe()).isNull();
	}
}
