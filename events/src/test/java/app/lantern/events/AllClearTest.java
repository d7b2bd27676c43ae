package app.lantern.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may hear "all clear": only those told of a missed check-in the client's own calm check-in ended. */
class AllClearTest {

	private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

	@ParameterizedTest(name = "{0}")
	@CsvSource(nullValues = "none", textBlock = """
			# case,                                        type,           state,        allClear, all clear?
			a calm check-in ended the miss,                 MISSED_CHECKIN, RESOLVED,     true,     true
			a crisis or reported use ended the miss,        MISSED_CHECKIN, RESOLVED,     false,    false
			staff resolved the miss,                        MISSED_CHECKIN, RESOLVED,     none,     false
			an older event without the field,               MISSED_CHECKIN, RESOLVED,     none,     false
			a high craving resolved below the threshold,    HIGH_CRAVING,   RESOLVED,     true,     false
			the miss is still open,                         MISSED_CHECKIN, ESCALATED,    true,     false
			""")
	void onlyACalmCheckInEndingAMissIsAllClear(String what, AlertType type, AlertState state, Boolean allClear,
			boolean expected) {
		AlertEvent event = new AlertEvent(UUID.randomUUID(), NOW, AlertEvent.SCHEMA_VERSION, UUID.randomUUID(), "c-1",
				type, Severity.MEDIUM, 1, state, "why", NOW, null, allClear, null);

		assertThat(event.saysAllClear()).isEqualTo(expected);
		assertThat(EventJson.read(EventJson.writeString(event), AlertEvent.class).saysAllClear())
			.as("the same after the topic").isEqualTo(expected);
	}
}
