package app.lantern.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import static java.nio.file.Files.createTempDirectory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertType;
import app.lantern.events.CheckInChannel;
import app.lantern.events.CheckInReceived;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.testsupport.LanternInfrastructure;
import app.lantern.testsupport.SharedInfrastructure;
import app.lantern.testsupport.TopicRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/** The streams application on a real broker with exactly-once: a check-in in, one alert out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.autoconfigure.exclude="
		+ "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@LanternInfrastructure
class AlertServiceIntegrationTest {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void stateDir(DynamicPropertyRegistry registry) throws IOException {
		// not a JUnit @TempDir: the cached context outlives the class and closes its stores at JVM exit
		String directory = createTempDirectory("alert-state").toString();
		registry.add("spring.kafka.streams.state-dir", () -> directory);
	}

	@Test
	void aHighCravingOnTheBrokerRaisesExactlyOneAlertAndReadinessTurnsUp() throws Exception {
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(RestClient.create("http://localhost:" + port)
			.get().uri("/actuator/health/readiness").retrieve().body(String.class)).contains("RUNNING"));
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

	/** Every input of the streams application: a record that can never be read goes to its own {@code -dlt}. */
	@org.junit.jupiter.params.ParameterizedTest(name = "{0}")
	@org.junit.jupiter.params.provider.ValueSource(strings = { Topics.CHECKINS, Topics.CLIENT_PROFILES,
			Topics.ALERT_ACTIONS })
	void anUnreadableRecordOnAnyInputGoesToThatTopicsDeadLetters(String topic) throws Exception {
		app.lantern.testsupport.DeadLetterChecks.anUnreadableRecordGoesToItsDeadLetters(topic);
	}
}
