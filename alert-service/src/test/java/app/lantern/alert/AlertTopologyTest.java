package app.lantern.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import app.lantern.events.AlertAction;
import app.lantern.events.AlertActionType;
import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.CheckInChannel;
import app.lantern.events.CheckInReceived;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.JsonSerde;
import app.lantern.events.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertTopologyTest {

	private static final Instant START = Instant.parse("2026-03-10T14:00:00Z");

	private static final String CLIENT = "client-1";

	private TopologyTestDriver driver;

	private TestInputTopic<String, CheckInReceived> checkIns;

	private TestInputTopic<String, ClientProfile> profiles;

	private TestInputTopic<String, AlertAction> actions;

	private TestOutputTopic<String, AlertEvent> alerts;

	@BeforeEach
	void start() {
		StreamsBuilder builder = new StreamsBuilder();
		AlertTopology.build(builder);
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "alert-topology-test");
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		driver = new TopologyTestDriver(builder.build(), config, START);
		checkIns = driver.createInputTopic(Topics.CHECKINS, Serdes.String().serializer(),
				JsonSerde.of(CheckInReceived.class));
		profiles = driver.createInputTopic(Topics.CLIENT_PROFILES, Serdes.String().serializer(),
				JsonSerde.of(ClientProfile.class));
		actions = driver.createInputTopic(Topics.ALERT_ACTIONS, Serdes.String().serializer(),
				JsonSerde.of(AlertAction.class));
		alerts = driver.createOutputTopic(Topics.ALERTS, Serdes.String().deserializer(), JsonSerde.of(AlertEvent.class));
	}

	@AfterEach
	void stop() {
		driver.close();
	}

	@Test
	void aCravingAtTheThresholdRaisesHighCraving() {
		CheckInReceived checkIn = checkIn(8);
		checkIns.pipeInput(CLIENT, checkIn);

		AlertEvent raised = alerts.readValue();
		assertThat(raised.type()).isEqualTo(AlertType.HIGH_CRAVING);
		assertThat(raised.state()).isEqualTo(AlertState.RAISED);
		assertThat(raised.level()).isEqualTo(1);
		assertThat(raised.raisedAt()).isEqualTo(checkIn.receivedAt());
		assertThat(raised.checkInId()).isEqualTo(checkIn.checkInId());
		assertThat(alerts.isEmpty()).isTrue();
	}

	@Test
	void aCravingBelowTheThresholdRaisesNothing() {
		checkIns.pipeInput(CLIENT, checkIn(7));

		assertThat(alerts.isEmpty()).isTrue();
	}

	@Test
	void theClientsOwnThresholdFromTheProfileIsUsed() {
		profiles.pipeInput(CLIENT, profile(2, 5));
		checkIns.pipeInput(CLIENT, checkIn(5));

		assertThat(alerts.readValue().type()).isEqualTo(AlertType.HIGH_CRAVING);
	}

	@Test
	void anOlderProfileArrivingLateDoesNotReplaceANewerOne() {
		profiles.pipeInput(CLIENT, profile(3, 5));
		profiles.pipeInput(CLIENT, profile(2, 9));
		checkIns.pipeInput(CLIENT, checkIn(6));

		assertThat(alerts.readValue().type()).isEqualTo(AlertType.HIGH_CRAVING);
	}

	@Test
	void theSameCheckInDeliveredTwiceRaisesOneAlert() {
		CheckInReceived checkIn = checkIn(9);
		checkIns.pipeInput(CLIENT, checkIn);
		checkIns.pipeInput(CLIENT, checkIn);

		assertThat(alerts.readValuesToList()).hasSize(1);
	}

	@Test
	void aRepeatWhileTheAlertIsOpenRaisesNothingNew() {
		checkIns.pipeInput(CLIENT, checkIn(9));
		checkIns.pipeInput(CLIENT, checkIn(10));

		assertThat(alerts.readValuesToList()).hasSize(1);
	}

	@Test
	void aLaterCheckInBelowTheThresholdResolvesIt() {
		checkIns.pipeInput(CLIENT, checkIn(9));
		AlertEvent raised = alerts.readValue();
		checkIns.pipeInput(CLIENT, checkIn(3));

		AlertEvent resolved = alerts.readValue();
		assertThat(resolved.alertId()).isEqualTo(raised.alertId());
		assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
	}

	@Test
	void staffAcknowledgementIsAnnouncedOnceAndResolutionClosesTheAlert() {
		checkIns.pipeInput(CLIENT, checkIn(9));
		AlertEvent raised = alerts.readValue();

		actions.pipeInput(CLIENT, AlertAction.of(raised.alertId(), CLIENT, AlertActionType.ACKNOWLEDGE,
				AlertAction.Actor.STAFF, "admin", START));
		actions.pipeInput(CLIENT, AlertAction.of(raised.alertId(), CLIENT, AlertActionType.ACKNOWLEDGE,
				AlertAction.Actor.STAFF, "admin", START));
		actions.pipeInput(CLIENT, AlertAction.of(raised.alertId(), CLIENT, AlertActionType.RESOLVE,
				AlertAction.Actor.STAFF, "admin", START));

		assertThat(alerts.readValuesToList()).extracting(AlertEvent::state)
			.containsExactly(AlertState.ACKNOWLEDGED, AlertState.RESOLVED);
	}

	@Test
	void anActionOnAnUnknownAlertChangesNothing() {
		actions.pipeInput(CLIENT, AlertAction.of(UUID.randomUUID(), CLIENT, AlertActionType.RESOLVE,
				AlertAction.Actor.STAFF, "admin", START));

		assertThat(alerts.isEmpty()).isTrue();
	}

	@Test
	void aCrisisWithoutACravingRaisesACriticalCrisisAlert() {
		checkIns.pipeInput(CLIENT, CheckInReceived.of(UUID.randomUUID(), CLIENT, CheckInChannel.SMS, null, null, false,
				"I can't go on", true, START));

		assertThat(alerts.readValuesToList()).singleElement().satisfies(alert -> {
			assertThat(alert.type()).isEqualTo(AlertType.CRISIS);
			assertThat(alert.severity()).isEqualTo(app.lantern.events.Severity.CRITICAL);
		});
	}

	@Test
	void reportedUseWithAHighCravingRaisesBoth() {
		checkIns.pipeInput(CLIENT, CheckInReceived.of(UUID.randomUUID(), CLIENT, CheckInChannel.SMS, 9, null, true,
				null, false, START));

		assertThat(alerts.readValuesToList()).extracting(AlertEvent::type)
			.containsExactly(AlertType.REPORTED_USE, AlertType.HIGH_CRAVING);
	}

	private static CheckInReceived checkIn(int craving) {
		return CheckInReceived.of(UUID.randomUUID(), CLIENT, CheckInChannel.SMS, craving, null, false, null, false,
				START);
	}

	private static ClientProfile profile(long version, int threshold) {
		return new ClientProfile(UUID.randomUUID(), START, 1, CLIENT, version, "Jordan", "+12025550101",
				ClientStatus.ACTIVE, ZoneId.of("America/New_York"),
				new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 30, START), threshold, false, START,
				List.of());
	}
}
