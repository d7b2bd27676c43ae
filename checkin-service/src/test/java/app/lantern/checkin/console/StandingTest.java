package app.lantern.checkin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StandingTest {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	/** Due 09:00 and 21:00 New York time (UTC-5 in November), 60 minutes' grace. */
	@ParameterizedTest(name = "{0} at {2}, last check-in {3} -> {4}")
	@CsvSource(nullValues = "none", textBlock = """
			ACTIVE,     false, 2026-11-23T11:00:00Z, none,                 next 09:00
			ACTIVE,     false, 2026-11-23T13:30:00Z, none,                 due soon (09:00)
			ACTIVE,     false, 2026-11-23T14:30:00Z, none,                 due now (09:00)
			ACTIVE,     false, 2026-11-23T14:30:00Z, 2026-11-23T14:10:00Z, checked in
			ACTIVE,     false, 2026-11-23T13:30:00Z, 2026-11-23T02:30:00Z, due soon (09:00)
			ACTIVE,     false, 2026-11-23T13:30:00Z, 2026-11-23T04:00:00Z, checked in
			ACTIVE,     false, 2026-11-23T16:00:00Z, 2026-11-23T14:10:00Z, next 21:00
			ACTIVE,     true,  2026-11-23T16:00:00Z, none,                 missed
			PAUSED,     true,  2026-11-23T16:00:00Z, none,                 paused
			DISCHARGED, false, 2026-11-23T16:00:00Z, none,                 discharged
			""")
	void saysWhereTheClientStands(String status, boolean missed, Instant now, Instant lastCheckIn, String expected) {
		assertThat(Standing.of(status, missed, NEW_YORK, List.of(LocalTime.of(9, 0), LocalTime.of(21, 0)), 60,
				lastCheckIn, now)).isEqualTo(expected);
	}
}
