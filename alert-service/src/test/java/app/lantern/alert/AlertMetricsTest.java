package app.lantern.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.Severity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Alerts are counted by their client's programme, a team's board; a client is never a label. */
class AlertMetricsTest {

	@Test
	void anAlertIsCountedUnderItsClientsProgrammeAndTheInstallsWhenThatIsNotKnown() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		AlertMetrics metrics = new AlertMetrics(meters, List.of("crisis"));
		Instant now = Instant.parse("2026-12-06T12:00:00Z");
		AlertEvent raised = AlertEvent.of(UUID.randomUUID(), "client-7", AlertType.HIGH_CRAVING, Severity.HIGH, 1,
				AlertState.RAISED, "rule high-craving", now, null, now);

		metrics.alert(raised, "eastside");
		metrics.alert(raised, null);
		metrics.alert(raised.acknowledged("staff:ana", "acknowledged", now.plusSeconds(120)), "eastside");

		assertThat(meters.counter("lantern.alerts", "type", "HIGH_CRAVING", "state", "RAISED", "level", "1",
				"programme", "eastside").count()).isEqualTo(1.0);
		assertThat(meters.counter("lantern.alerts", "type", "HIGH_CRAVING", "state", "RAISED", "level", "1",
				"programme", "default").count()).isEqualTo(1.0);
		assertThat(meters.get("lantern.alerts.time.to.acknowledge").tag("programme", "eastside").timer().count())
			.isEqualTo(1);
		assertThat(meters.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags().toString())
			.doesNotContain("client-7"));
	}
}
