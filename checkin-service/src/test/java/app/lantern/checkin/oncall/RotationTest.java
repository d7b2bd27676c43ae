package app.lantern.checkin.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import app.lantern.events.OnCallRota;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A weekly rotation handing over on Mondays at 09:00 New York time: turns, fallbacks, DST and overrides. */
class RotationTest {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static Rotation rotation(List<Rotation.Override> overrides) {
		return new Rotation(UUID.randomUUID(), "Weekly", "east", List.of("ana", "ben", "cy"), DayOfWeek.MONDAY,
				LocalTime.of(9, 0), LocalDate.of(2026, 10, 21), NEW_YORK, true, overrides);
	}

	@ParameterizedTest(name = "at {0}: {1}, fallback {2}")
	@CsvSource(textBlock = """
			# the first hand-over is the first Monday on or after the start: 26 October, 09:00 EDT
			2026-10-26T13:00:00Z, ana, ben
			2026-11-02T13:59:59Z, ana, ben
			# the clocks went back on 1 November: the hand-over is 09:00 EST, 14:00Z
			2026-11-02T14:00:00Z, ben, cy
			2026-11-09T14:00:00Z, cy,  ana
			# and round again
			2026-11-16T14:00:00Z, ana, ben
			""")
	void membersTakeTheirWeekInTurnFromTheLocalHandover(Instant at, String primary, String fallback) {
		OnCallRota rota = OnCallRota.of(1, NEW_YORK, rotation(List.of()).shifts(at.minusSeconds(86_400 * 8),
				at.plusSeconds(86_400 * 8)), List.of(member("ana"), member("ben"), member("cy")), at);

		assertThat(rota.chainAt(at, "east")).extracting(OnCallRota.StaffMember::username)
			.containsExactly(primary, fallback);
	}

	@Test
	void nothingBeforeTheFirstHandover() {
		List<OnCallRota.Shift> shifts = rotation(List.of()).shifts(Instant.parse("2026-10-20T00:00:00Z"),
				Instant.parse("2026-10-26T12:00:00Z"));

		assertThat(shifts).isEmpty();
	}

	@Test
	void anOverrideTakesItsStretchAndTheWeekGoesOnAroundIt() {
		Rotation.Override tuesday = new Rotation.Override(UUID.randomUUID(), Instant.parse("2026-11-03T14:00:00Z"),
				Instant.parse("2026-11-04T14:00:00Z"), "dee");
		List<OnCallRota.Shift> shifts = rotation(List.of(tuesday)).shifts(Instant.parse("2026-11-02T14:00:00Z"),
				Instant.parse("2026-11-09T14:00:00Z"));

		assertThat(shifts).extracting(shift -> shift.startsAt() + " " + shift.endsAt() + " " + shift.primary() + " "
				+ shift.fallback())
			.containsExactly(
					"2026-11-02T14:00:00Z 2026-11-03T14:00:00Z ben cy",
					"2026-11-03T14:00:00Z 2026-11-04T14:00:00Z dee cy",
					"2026-11-04T14:00:00Z 2026-11-09T14:00:00Z ben cy");
		assertThat(shifts).allSatisfy(shift -> assertThat(shift.programme()).isEqualTo("east"));
	}

	@Test
	void anOverrideAcrossTheHandoverCutsBothWeeks() {
		Rotation.Override weekend = new Rotation.Override(UUID.randomUUID(), Instant.parse("2026-11-08T14:00:00Z"),
				Instant.parse("2026-11-10T14:00:00Z"), "dee");
		List<OnCallRota.Shift> shifts = rotation(List.of(weekend)).shifts(Instant.parse("2026-11-02T14:00:00Z"),
				Instant.parse("2026-11-16T14:00:00Z"));

		assertThat(shifts).extracting(shift -> shift.startsAt() + " " + shift.endsAt() + " " + shift.primary())
			.containsExactly(
					"2026-11-02T14:00:00Z 2026-11-08T14:00:00Z ben",
					"2026-11-08T14:00:00Z 2026-11-09T14:00:00Z dee",
					"2026-11-09T14:00:00Z 2026-11-10T14:00:00Z dee",
					"2026-11-10T14:00:00Z 2026-11-16T14:00:00Z cy");
		OnCallRota rota = OnCallRota.of(1, NEW_YORK, shifts, List.of(), Instant.EPOCH);
		assertThat(rota.gapsFor("east", Instant.parse("2026-11-02T14:00:00Z"), Instant.parse("2026-11-16T14:00:00Z")))
			.as("no gap at the cuts").isEmpty();
	}

	private static OnCallRota.StaffMember member(String name) {
		return new OnCallRota.StaffMember(name, "+1202555010" + name.length(), null);
	}
}
