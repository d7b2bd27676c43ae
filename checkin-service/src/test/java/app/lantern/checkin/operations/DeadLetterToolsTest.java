package app.lantern.checkin.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.EventJson;
import app.lantern.events.Severity;
import app.lantern.events.Topics;
import app.lantern.testsupport.SharedInfrastructure;
import app.lantern.testsupport.TopicRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;

/**
 * The operator's dead letters: an alert that was dead-lettered (as spring-kafka writes one, with its
 * {@code kafka_dlt-*} headers) is listed and inspected by its headers without its payload, and replayed once to
 * the topic it came from — where checkin-service's read model takes it up.
 */
@CheckinServiceTest
class DeadLetterToolsTest {

	private static final String TOPIC = Topics.deadLetter(Topics.ALERTS);

	@LocalServerPort
	int port;

	@Test
	void aDeadLetteredAlertIsInspectedByItsHeadersAndReplayedOnce() throws Exception {
		var admin = StaffApi.admin(port);
		String clientId = StaffApi.enrol(admin, "Dead Letter", TestPhones.next());
		AlertEvent alert = AlertEvent.of(UUID.randomUUID(), clientId, AlertType.HIGH_CRAVING, Severity.HIGH, 1,
				AlertState.RAISED, "rule high-craving", Instant.now(), null, Instant.now());
		String payload = EventJson.writeString(alert);
		deadLetter(clientId, payload);

		List<Map<String, Object>> letters = admin.get().uri("/api/staff/dead-letters/{topic}?limit=1000", TOPIC)
			.retrieve().body(new ParameterizedTypeReference<>() {
			});
		assertThat(letters).filteredOn(letter -> clientId.equals(letter.get("key"))).singleElement().satisfies(letter -> {
			assertThat(letter).containsEntry("originalTopic", Topics.ALERTS).containsEntry("originalPartition", 1)
				.containsEntry("originalOffset", 41).containsEntry("replayed", false)
				.containsEntry("exception", "java.lang.IllegalStateException")
				.containsEntry("payloadBytes", payload.getBytes(StandardCharsets.UTF_8).length);
			assertThat(letter.values()).as("no payload").noneMatch(value -> String.valueOf(value).contains("high-craving"));
		});
		List<Map<String, Object>> summaries = admin.get().uri("/api/staff/dead-letters").retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(summaries).anySatisfy(summary -> {
			assertThat(summary).containsEntry("topic", TOPIC);
			assertThat(((Number) summary.get("waitingForReplay")).longValue()).isPositive();
		});

		var replayed = admin.post().uri("/api/staff/dead-letters/{topic}/replay", TOPIC).retrieve().toEntity(Map.class);
		assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat((Integer) replayed.getBody().get("replayed")).isPositive();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(admin.get()
			.uri("/api/alerts?clientId={id}", clientId).retrieve().body(String.class)).contains(alert.alertId().toString()));

		// a second replay sends nothing of it again
		admin.post().uri("/api/staff/dead-letters/{topic}/replay", TOPIC).retrieve().toBodilessEntity();
		assertThat(TopicRecords.all(Topics.ALERTS).stream().filter(record -> clientId.equals(record.key())))
			.as("replayed once").singleElement()
			.satisfies(record -> assertThat(record.headers().lastHeader(DeadLetterTopics.REPLAYED_FROM)).isNotNull());
	}

	/**
	 * A dead letter whose headers name another topic as its origin (headers are anyone's to write: here the on-call
	 * rota's compacted topic) is not sent there: replay goes back to the topic the dead-letter topic is of, only. The
	 * replay is in the audit trail.
	 */
	@Test
	void aReplayGoesOnlyToTheTopicTheDeadLettersCameFromAndIsAudited() throws Exception {
		var admin = StaffApi.admin(port);
		String key = "forged-" + UUID.randomUUID();
		deadLetter(key, "{\"version\":999999}", Topics.ON_CALL);

		admin.post().uri("/api/staff/dead-letters/{topic}/replay", TOPIC).retrieve().toBodilessEntity();

		assertThat(TopicRecords.all(Topics.ON_CALL).stream().filter(record -> key.equals(record.key())))
			.as("nothing sent to the topic the headers named").isEmpty();
		assertThat(TopicRecords.all(Topics.ALERTS).stream().filter(record -> key.equals(record.key())))
			.as("nor anywhere else").isEmpty();
		assertThat(admin.get().uri("/api/audit?actor=admin&limit=50").retrieve().body(String.class))
			.contains("DEAD_LETTERS_REPLAYED", "dead letters " + TOPIC);
	}

	@Test
	void onlyDeadLetterTopicsAndOnlyAdmins() {
		assertThat(StaffApi.admin(port).get().uri("/api/staff/dead-letters/{topic}", Topics.ALERTS).retrieve()
			.toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(StaffApi.anonymous(port).post().uri("/api/staff/dead-letters/{topic}/replay", TOPIC).retrieve()
			.toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	private static void deadLetter(String key, String payload) throws Exception {
		deadLetter(key, payload, Topics.ALERTS);
	}

	private static void deadLetter(String key, String payload, String originalTopic) throws Exception {
		try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
			var record = new ProducerRecord<>(TOPIC, key, payload);
			record.headers().add("kafka_dlt-original-topic", originalTopic.getBytes(StandardCharsets.UTF_8));
			record.headers().add("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(1).array());
			record.headers().add("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(41).array());
			record.headers().add("kafka_dlt-exception-fqcn",
					"java.lang.IllegalStateException".getBytes(StandardCharsets.UTF_8));
			producer.send(record).get();
		}
	}
}
