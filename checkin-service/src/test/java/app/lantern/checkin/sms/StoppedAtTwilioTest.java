package app.lantern.checkin.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.events.AlertType;
import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryEvent;
import app.lantern.events.DeliveryKind;
import app.lantern.events.DeliveryStatus;
import app.lantern.events.EventJson;
import app.lantern.events.SuppressionReason;
import app.lantern.events.Topics;
import app.lantern.testsupport.Enrolments;
import app.lantern.testsupport.SharedInfrastructure;
import app.lantern.testsupport.TopicRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A sponsor replied STOP to Twilio's own opt-out handling (a Messaging Service's), so Twilio refused Lantern's next
 * text to them with 21610: that is their number's opt-out everywhere — the number is recorded as opted out and the
 * profile published again says so, and the notifier texts them nothing more — not one failed delivery.
 */
@CheckinServiceTest
class StoppedAtTwilioTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSendRefusedBecauseTheNumberStoppedAtTwilioIsThatNumbersOptOut() throws Exception {
		var api = StaffApi.admin(port);
		String clientId = StaffApi.enrol(api, "Tove", TestPhones.next());
		String sponsorPhone = TestPhones.next();
		var sponsor = Enrolments.sponsor(api, clientId, sponsorPhone, "HIGH_CRAVING");

		var refused = new DeliveryEvent(UUID.randomUUID(), Instant.now(), DeliveryEvent.SCHEMA_VERSION,
				UUID.randomUUID(), clientId, UUID.randomUUID(), AlertType.HIGH_CRAVING, 1, sponsor.sponsorId(),
				ContactChannel.SMS, sponsor.consentId(), DeliveryStatus.FAILED, SuppressionReason.OPTED_OUT,
				"Twilio refused: status 400, code 21610", DeliveryKind.ALERT);
		try (var producer = new KafkaProducer<String, String>(
				Map.<String, Object>of("bootstrap.servers", SharedInfrastructure.kafkaBootstrapServers()),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(Topics.DELIVERIES, clientId, EventJson.writeString(refused))).get();
		}

		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from opt_out where phone = ?")
			.param(sponsorPhone).query(Integer.class).single() == 1);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TopicRecords.all(Topics.CLIENT_PROFILES)
			.stream().filter(record -> clientId.equals(record.key())).reduce((first, second) -> second)
			.map(record -> EventJson.read(record.value(), ClientProfile.class)).orElseThrow().contacts())
			.singleElement().satisfies(contact -> assertThat(contact.smsOptedOut()).isTrue()));
	}
}
