package app.lantern.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Who is on call when: the shift covering the moment (the latest-begun of overlapping ones), then its fallback. */
class OnCallRotaTest {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final List<OnCallRota.StaffMember> STAFF = List.of(
			new OnCallRota.StaffMember("ana", "+12025550101", null),
			new OnCallRota.StaffMember("ben", null, "ben@example.org"),
			new OnCallRota.StaffMember("cy", "+12025550103", "cy@example.org"));

	private static final OnCallRota ROTA = OnCallRota.of(7, NEW_YORK, List.of(
			// the week: ana days with ben behind her, ben nights with cy behind him
			new OnCallRota.Shift("day", Instant.parse("2026-11-30T13:00:00Z"), Instant.parse("2026-11-30T23:00:00Z"),
					"ana", "ben"),
			new OnCallRota.Shift("night", Instant.parse("2026-11-30T23:00:00Z"),
					Instant.parse("2026-12-01T13:00:00Z"), "ben", "cy"),
			// cy covers the afternoon: the later shift wins while it lasts
			new OnCallRota.Shift("cover", Instant.parse("2026-11-30T18:00:00Z"),
					Instant.parse("2026-11-30T20:00:00Z"), "cy", null)),
			STAFF, Instant.parse("2026-11-29T00:00:00Z"));

	@ParameterizedTest(name = "{0}: {2}")
	@CsvSource(textBlock = """
			before any shift,             2026-11-30T12:59:59Z, ''
			the day shift begins,         2026-11-30T13:00:00Z, ana ben
			the cover overlaps the day,   2026-11-30T18:30:00Z, cy
			the cover ended,              2026-11-30T20:00:00Z, ana ben
			the night shift (its start),  2026-11-30T23:00:00Z, ben cy
			after the last shift,         2026-12-01T13:00:00Z, ''
			""")
	void whoIsToldAt(String when, Instant at, String expected) {
		assertThat(String.join(" ", ROTA.chainAt(at).stream().map(OnCallRota.StaffMember::username).toList()))
			.isEqualTo(expected);
	}

	/** A programme's own shift covers only its clients; a shift of every programme covers all of them. */
	@ParameterizedTest(name = "a client of {0}: {1}")
	@CsvSource(textBlock = """
			eastside, cy
			default,  ana ben
			''        , ana ben
			""")
	void aProgrammesShiftCoversOnlyItsOwnClients(String programme, String expected) {
		OnCallRota rota = OnCallRota.of(8, NEW_YORK, List.of(
				new OnCallRota.Shift("all", Instant.parse("2026-11-30T13:00:00Z"), Instant.parse("2026-11-30T23:00:00Z"),
						"ana", "ben"),
				new OnCallRota.Shift("east", Instant.parse("2026-11-30T14:00:00Z"),
						Instant.parse("2026-11-30T22:00:00Z"), "cy", null, "eastside")),
				STAFF, Instant.parse("2026-11-29T00:00:00Z"));

		Instant at = Instant.parse("2026-11-30T15:00:00Z");
		assertThat(String.join(" ", rota.chainAt(at, programme.isEmpty() ? null : programme).stream()
			.map(OnCallRota.StaffMember::username).toList())).isEqualTo(expected);
		assertThat(EventJson.read(EventJson.writeString(rota), OnCallRota.class).shifts().get(1).programme())
			.isEqualTo("eastside");
	}

	@Test
	void aShiftMustEndAfterItBegins() {
		assertThatThrownBy(() -> new OnCallRota.Shift("x", Instant.parse("2026-11-30T13:00:00Z"),
				Instant.parse("2026-11-30T13:00:00Z"), "ana", null)).isInstanceOf(InvalidEventException.class)
			.hasMessageContaining("endsAt");
	}

	@Test
	void theRotaCrossesTheTopicUnchanged() {
		OnCallRota back = EventJson.read(EventJson.writeString(ROTA), OnCallRota.class);
		assertThat(back.chainAt(Instant.parse("2026-11-30T23:30:00Z"))).containsExactly(STAFF.get(1), STAFF.get(2));
		assertThat(back.version()).isEqualTo(7);
	}

	/** Both cover the moment: the programme's own shift outranks the one of every programme, whichever began last. */
	@Test
	void aProgrammesOwnShiftOutranksOneOfEveryProgrammeThatBeganLater() {
		OnCallRota rota = OnCallRota.of(9, NEW_YORK, List.of(
				new OnCallRota.Shift("east", Instant.parse("2026-11-30T13:00:00Z"),
						Instant.parse("2026-11-30T23:00:00Z"), "cy", null, "eastside"),
				new OnCallRota.Shift("all", Instant.parse("2026-11-30T14:00:00Z"), Instant.parse("2026-11-30T22:00:00Z"),
						"ana", "ben")),
				STAFF, Instant.parse("2026-11-29T00:00:00Z"));

		Instant at = Instant.parse("2026-11-30T15:00:00Z");
		assertThat(rota.chainAt(at, "eastside")).extracting(OnCallRota.StaffMember::username).containsExactly("cy");
		assertThat(rota.chainAt(at, "default")).extracting(OnCallRota.StaffMember::username)
			.containsExactly("ana", "ben");
	}

	/**
	 * The stretches no shift covers for a programme: its own shifts and those of every programme count, another
	 * programme's do not; touching and overlapping shifts leave no gap between them.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			every programme's shifts cover the day and night | east | 2026-11-30T13:00:00Z | 2026-12-01T13:00:00Z | ''
			before the first shift, and after the last        | east | 2026-11-30T10:00:00Z | 2026-12-01T15:00:00Z | 2026-11-30T10:00:00Z/2026-11-30T13:00:00Z 2026-12-01T13:00:00Z/2026-12-01T15:00:00Z
			west's own shift fills west's morning             | west | 2026-12-01T12:00:00Z | 2026-12-01T16:00:00Z | 2026-12-01T15:00:00Z/2026-12-01T16:00:00Z
			west's shift is not east's                        | east | 2026-12-01T13:00:00Z | 2026-12-01T16:00:00Z | 2026-12-01T13:00:00Z/2026-12-01T16:00:00Z
			""")
	void theGapsInAProgrammesRotaAreWhereNoShiftCoversIt(String what, String programme, Instant from, Instant to,
			String expected) {
		OnCallRota rota = OnCallRota.of(8, NEW_YORK, List.of(ROTA.shifts().get(0), ROTA.shifts().get(1),
				ROTA.shifts().get(2), new OnCallRota.Shift("west-morning", Instant.parse("2026-12-01T13:00:00Z"),
						Instant.parse("2026-12-01T15:00:00Z"), "cy", null, "west")),
				STAFF, Instant.parse("2026-11-29T00:00:00Z"));

		assertThat(String.join(" ", rota.gapsFor(programme, from, to).stream()
			.map(gap -> gap.from() + "/" + gap.to()).toList())).isEqualTo(expected);
	}
}
