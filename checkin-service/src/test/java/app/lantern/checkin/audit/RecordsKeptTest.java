package app.lantern.checkin.audit;

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
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryEvent;
import app.lantern.events.DeliveryKind;
import app.lantern.events.DeliveryStatus;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.testsupport.Enrolments;
import app.lantern.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * Nothing the law keeps is deleted by an edit: a sponsor is told of a craving, then removed — their consent ends
 * (revoked, with the reason) and stays, naming them, and the client's accounting still names them as told. Once
 * the client is erased, an ADMIN still exports the accounting by the client's id, with the role and without the
 * name.
 */
@CheckinServiceTest
class RecordsKeptTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aRemovedContactStaysInTheConsentRecordAndTheAccountingAndErasureLeavesTheAccountingWithoutNames()
			throws Exception {
		RestClient api = StaffApi.admin(port);
		String clientId = StaffApi.enrol(api, "Opal", TestPhones.next());
		var sponsor = Enrolments.sponsor(api, clientId, TestPhones.next(), "HIGH_CRAVING");
		told(clientId, sponsor.sponsorId(), sponsor.consentId());
		await().atMost(Duration.ofSeconds(20)).until(() -> accounting(api, clientId).contains("Sam"));

		api.delete().uri("/api/clients/{id}/contacts/{contact}", clientId, sponsor.sponsorId()).retrieve()
			.toBodilessEntity();

		assertThat(jdbc.sql("select contact_name || ':' || contact_role || ':' || ended_reason from consent "
				+ "where id = ?::uuid and revoked_at is not null").param(sponsor.consentId()).query(String.class).single())
			.isEqualTo("Sam:SPONSOR:CONTACT_REMOVED");
		assertThat(accounting(api, clientId)).as("the removed sponsor is still named as told")
			.contains("," + sponsor.sponsorId() + ",Sam,SPONSOR,SMS,HIGH_CRAVING,1,");

		api.delete().uri("/api/clients/{id}", clientId).retrieve().toBodilessEntity();

		assertThat(accounting(api, clientId)).as("after erasure: the disclosure, its role, no name")
			.contains("," + sponsor.sponsorId() + ",,SPONSOR,SMS,HIGH_CRAVING,1,").doesNotContain("Sam");
	}

	private static String accounting(RestClient api, String clientId) {
		return api.get().uri("/api/clients/{id}/disclosures.csv", clientId).retrieve().body(String.class);
	}

	/** The notifier's word that the sponsor was texted of a high craving under the consent. */
	private static void told(String clientId, String contactId, String consentId) throws Exception {
		var delivery = new DeliveryEvent(UUID.randomUUID(), Instant.now(), DeliveryEvent.SCHEMA_VERSION,
				UUID.randomUUID(), clientId, UUID.randomUUID(), AlertType.HIGH_CRAVING, 1, contactId, ContactChannel.SMS,
				consentId, DeliveryStatus.SENT, null, null, DeliveryKind.ALERT);
		try (var producer = new KafkaProducer<String, String>(
				Map.<String, Object>of("bootstrap.servers", SharedInfrastructure.kafkaBootstrapServers()),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(Topics.DELIVERIES, clientId, EventJson.writeString(delivery))).get();
		}
	}
}
