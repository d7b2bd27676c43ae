package app.lantern.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** The dead-letter path of a consumer, the same check for every service: send what can never be read, find it. */
public final class DeadLetterChecks {

	private DeadLetterChecks() {
	}

	/**
	 * Publishes a record to {@code topic} that is no event, and waits until it is on {@code <topic>-dlt}, once,
	 * as it was sent, with the original topic and the exception in spring-kafka's {@code kafka_dlt-*} headers.
	 */
	public static void anUnreadableRecordGoesToItsDeadLetters(String topic) throws Exception {
		String key = "dead-" + UUID.randomUUID();
		String value = "{\"not\": \"an event\"}";
		try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, key, value)).get();
		}
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(TopicRecords.all(topic + "-dlt")
			.stream()
			.filter(record -> key.equals(record.key())))
			.singleElement()
			.satisfies(deadLetter -> {
				assertThat(deadLetter.value()).isEqualTo(value);
				assertThat(new String(deadLetter.headers().lastHeader("kafka_dlt-original-topic").value(),
						StandardCharsets.UTF_8)).isEqualTo(topic);
				assertThat(deadLetter.headers().lastHeader("kafka_dlt-exception-fqcn")).isNotNull();
			}));
	}
}
