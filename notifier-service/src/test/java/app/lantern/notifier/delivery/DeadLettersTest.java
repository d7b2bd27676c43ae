package app.lantern.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import app.lantern.events.Topics;
import app.lantern.testsupport.LanternInfrastructure;
import app.lantern.testsupport.SharedInfrastructure;
import app.lantern.testsupport.TopicRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;

/** Every topic the notifier listens to: a record that can never be read goes to its {@code -dlt} at once. */
@SpringBootTest
@LanternInfrastructure
class DeadLettersTest {

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { Topics.ALERTS, Topics.CLIENT_MESSAGES, Topics.CONTACT_INVITATIONS, Topics.SMS_STATUS,
			Topics.CLIENT_PROFILES })
	void anUnreadableRecordGoesToItsTopicsDeadLetters(String topic) throws Exception {
		String key = "dead-" + UUID.randomUUID();
		try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, key, "not an event")).get();
		}

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TopicRecords.all(Topics.deadLetter(topic))
			.stream()
			.filter(record -> key.equals(record.key())))
			.singleElement()
			.satisfies(deadLetter -> {
				assertThat(deadLetter.value()).isEqualTo("not an event");
				assertThat(new String(deadLetter.headers().lastHeader("kafka_dlt-original-topic").value(),
						StandardCharsets.UTF_8)).isEqualTo(topic);
				assertThat(deadLetter.headers().lastHeader("kafka_dlt-exception-fqcn")).isNotNull();
			}));
	}
}
