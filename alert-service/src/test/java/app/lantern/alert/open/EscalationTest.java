package app.lantern.alert.open;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import app.lantern.alert.time.EscalationStep;
import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The "escalate now?" decision as a table, as Alertmanager tests its {@code needsUpdate}. */
class EscalationTest {

	private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

	private static final UUID ALERT = UUID.fromString("00000000-0000-0000-0000-000000000001");

	private static final UUID OTHER = UUID.fromString("00000000-0000-0000-0000-000000000002");

	private final Escalation ladder = new Escalation(Duration.ofMinutes(30), 3);

	@ParameterizedTest(name = "{0}")
	@CsvSource(nullValues = "none", textBlock = """
			# case,                                      open alert, state,        level, step alert, step level, escalate
			still raised at the step's level,              ALERT,      RAISED,       1,     ALERT,      1,          true
			escalated once and still at that level,        ALERT,      ESCALATED,    2,     ALERT,      2,          true
			acknowledged meanwhile,                        ALERT,      ACKNOWLEDGED, 1,     ALERT,      1,          false
			resolved meanwhile (no open alert),            none,       none,         0,     ALERT,      1,          false
			a step left over from an earlier level,        ALERT,      ESCALATED,    2,     ALERT,      1,          false
			a step of another alert of the same type,      OTHER,      RAISED,       1,     ALERT,      1,          false
			already at the last tier,                      ALERT,      ESCALATED,    3,     ALERT,      3,          false
			""")
	void escalatesOnlyAnOpenUnacknowledgedAlertAtItsStepsLevelBelowTheLastTier(String what, String openAlert,
			AlertState state, int level, String stepAlert, int stepLevel, boolean escalate) {
		AlertEvent open = openAlert == null ? null
				: AlertEvent.of(id(openAlert), "client-1", AlertType.HIGH_CRAVING, Severity.HIGH, level, state, "rule",
						NOW, null, NOW);

		assertThat(ladder.shouldEscalate(open, new EscalationStep(id(stepAlert), stepLevel))).isEqualTo(escalate);
	}

	@ParameterizedTest(name = "level {0} -> next step {1}")
	@CsvSource(nullValues = "none", textBlock = """
			1, 2026-03-10T12:30:00Z
			2, 2026-03-10T12:30:00Z
			3, none
			""")
	void theNextStepWaitsTheTimeoutUntilTheLastTier(int level, Instant expected) {
		AlertEvent alert = AlertEvent.of(ALERT, "client-1", AlertType.MISSED_CHECKIN, Severity.MEDIUM, level,
				AlertState.ESCALATED, "missed", NOW, null, NOW);

		assertThat(ladder.nextStepAt(alert, Map.of(), NOW).orElse(null)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} with the programme's {1} -> next step {2}")
	@CsvSource(nullValues = "none", textBlock = """
			MISSED_CHECKIN, none, 2026-03-10T12:30:00Z
			MISSED_CHECKIN, 10,   2026-03-10T12:10:00Z
			CRISIS,         none, 2026-03-10T12:05:00Z
			CRISIS,         2,    2026-03-10T12:02:00Z
			HIGH_CRAVING,   none, 2026-03-10T12:30:00Z
			""")
	void aProgrammesOwnTimeoutForAKindOfAlertReplacesTheDeployments(AlertType type, Integer minutes, Instant expected) {
		Escalation withCrisis = new Escalation(Duration.ofMinutes(30), Duration.ofMinutes(5), 3);
		AlertEvent alert = AlertEvent.of(ALERT, "client-1", type, Severity.HIGH, 1, AlertState.RAISED, "rule", NOW, null,
				NOW);
		Map<AlertType, Integer> programme = minutes == null ? Map.of() : Map.of(type, minutes);

		assertThat(withCrisis.nextStepAt(alert, programme, NOW)).hasValue(expected);
	}

	private static UUID id(String name) {
		return "ALERT".equals(name) ? ALERT : OTHER;
	}
}
