package app.lantern.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import static java.nio.file.Files.createTempDirectory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.CheckInChannel;
import app.lantern.events.CheckInReceived;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.testsupport.DeadLetterChecks;
import app.lantern.testsupport.LanternInfrastructure;
import app.lantern.testsupport.MovableClock;
import app.lantern.testsupport.SharedInfrastructure;
import app.lantern.testsupport.TopicRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The streams application on a real broker with exactly-once: a check-in in, one alert out. Its clock is the
 * test's ({@link MovableClock}): due times, graces and escalation timeouts are crossed by moving it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.autoconfigure.exclude="
		+ "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@LanternInfrastructure
class AlertServiceIntegrationTest {

	@TestConfiguration(proxyBeanMethods = false)
	static class MovedTime {

		@Bean
		MovableClock clock() {
			return new MovableClock();
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	MovableClock clock;

	@DynamicPropertySource
	static void stateDir(DynamicPropertyRegistry registry) throws IOException {
		// not a JUnit @TempDir: the cached context outlives the class and closes its stores at JVM exit
		String directory = createTempDirectory("alert-state").toString();
		registry.add("spring.kafka.streams.state-dir", () -> directory);
	}

	@Test
	void aHighCravingOnTheBrokerRaisesExactlyOneAlertAndReadinessTurnsUp() throws Exception {
		awaitRunning();
		String clientId = "it-" + UUID.randomUUID();
		CheckInReceived checkIn = CheckInReceived.of(UUID.randomUUID(), clientId, CheckInChannel.API, 9, null, false,
				null, false, Instant.now());
		try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(Topics.CHECKINS, clientId, EventJson.writeString(checkIn))).get();
			producer.send(new ProducerRecord<>(Topics.CHECKINS, clientId, EventJson.writeString(checkIn))).get();
			producer.send(new ProducerRecord<>(Topics.CHECKINS, clientId, "not an event")).get();
		}

		// the unreadable record went last on the client's partition: once it is dead-lettered, the duplicate
		// before it has been processed too, so "exactly one" is checked after the duplicate, not before it
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
				TopicRecords.all(Topics.deadLetter(Topics.CHECKINS)).stream().filter(record -> clientId.equals(record.key())))
			.singleElement()
			.satisfies(deadLetter -> assertThat(new String(deadLetter.headers().lastHeader("kafka_dlt-original-topic").value()))
				.isEqualTo(Topics.CHECKINS)));
		assertThat(TopicRecords.all(Topics.ALERTS)
			.stream()
			.filter(record -> clientId.equals(record.key()))
			.map(record -> EventJson.read(record.value(), AlertEvent.class)))
			.singleElement()
			.satisfies(alert -> assertThat(alert.type()).isEqualTo(AlertType.HIGH_CRAVING));
	}

	/**
	 * The engine judges by the service's clock, not the stream's wall clock: moved past a due time and its grace,
	 * the missed check-in is raised, carrying the deadline; moved past the escalation timeout (30 minutes), it
	 * climbs to the next tier — seconds of the test's time for an hour and a half of the client's.
	 */
	@Test
	void movingTheClockAcrossADueTimeItsGraceAndTheEscalationTimeoutRaisesAndEscalatesTheMiss() throws Exception {
		awaitRunning();
		String clientId = "moved-" + UUID.randomUUID();
		Instant now = clock.instant();
		LocalTime due = LocalTime.ofInstant(now.plus(Duration.ofHours(1)), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
		Instant deadline = now.plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
		ClientProfile profile = new ClientProfile(UUID.randomUUID(), now, ClientProfile.SCHEMA_VERSION, clientId, 1,
				"Jordan", "+12025550101", ClientStatus.ACTIVE, ZoneOffset.UTC,
				new ClientProfile.Schedule(List.of(due), 60, 0, now), 8, false, now, List.of());
		send(Topics.CLIENT_PROFILES, clientId, EventJson.writeString(profile));

		clock.advanceTo(deadline.minusSeconds(1));
		clock.advance(Duration.ofSeconds(2));
		AlertEvent missed = await().atMost(Duration.ofSeconds(30)).until(() -> alertsOf(clientId), alerts -> !alerts.isEmpty())
			.get(0);
		assertThat(missed.type()).isEqualTo(AlertType.MISSED_CHECKIN);
		assertThat(missed.raisedAt()).isEqualTo(deadline);

		clock.advance(Duration.ofMinutes(30));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(alertsOf(clientId))
			.extracting(AlertEvent::state, AlertEvent::level)
			.containsExactly(tuple(AlertState.RAISED, 1), tuple(AlertState.ESCALATED, 2)));
	}

	private void awaitRunning() {
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(RestClient.create("http://localhost:" + port)
			.get().uri("/actuator/health/readiness").retrieve().body(String.class)).contains("RUNNING"));
	}

	private static void send(String topic, String key, String value) throws Exception {
		try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, key, value)).get();
		}
	}

	private static List<AlertEvent> alertsOf(String clientId) {
		return TopicRecords.all(Topics.ALERTS).stream().filter(record -> clientId.equals(record.key()))
			.map(record -> EventJson.read(record.value(), AlertEvent.class)).toList();
	}

	/** Every input of the streams application: a record that can never be read goes to its own {@code -dlt}. */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { Topics.CHECKINS, Topics.CLIENT_PROFILES,
			Topics.ALERT_ACTIONS })
	void anUnreadableRecordOnAnyInputGoesToThatTopicsDeadLetters(String topic) throws Exception {
		DeadLetterChecks.anUnreadableRecordGoesToItsDeadLetters(topic);
	}
}
