package app.lantern.checkin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.sms.TwilioRequests;
import app.lantern.events.CheckInReceived;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.testsupport.Faults;
import app.lantern.testsupport.RestartableKafka;
import app.lantern.testsupport.TopicRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * Kafka down at commit time: what the service acknowledged is committed to PostgreSQL, waits in the
 * outbox, and reaches Kafka once the broker is back — exactly once per check-in, in order per client.
 */
@CheckinServiceTest
@Faults
class BrokerOutageTest {

	static final RestartableKafka kafka = RestartableKafka.started();

	@TestConfiguration
	static class OwnBroker {

		@Bean
		@Primary
		KafkaConnectionDetails restartableBroker() {
			return () -> List.of(kafka.bootstrapServers());
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void checkInsAndProfileChangesAcceptedWhileTheBrokerIsDownArePublishedOnceItIsBack() {
		RestClient api = StaffApi.admin(port);
		String phone = app.lantern.checkin.TestPhones.next();
		String clientId = StaffApi.enrol(api, "Jesse", phone);
		TwilioRequests twilio = new TwilioRequests(port);
		await().atMost(Duration.ofSeconds(30)).until(() -> profiles(clientId).size() == 1);

		kafka.stop();
		List<String> accepted = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			if (i % 2 == 0) {
				var answer = api.post().uri("/api/checkins").header("Idempotency-Key", clientId + "-" + i)
					.contentType(MediaType.APPLICATION_JSON).body(Map.of("clientId", clientId, "craving", i % 11))
					.retrieve().toEntity(Map.class);
				assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
				accepted.add((String) answer.getBody().get("id"));
			}
			else {
				String messageSid = TwilioRequests.sid();
				var answer = twilio.sms(phone, (i % 11) + " mood 3", messageSid);
				assertThat(answer.getBody()).as("the client was told it was received").contains("Thanks");
				accepted.add(jdbc.sql("select id::text from check_in where idempotency_key = ?")
					.param("sms:" + messageSid).query(String.class).single());
			}
		}
		var paused = api.post().uri("/api/clients/{id}/status", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("status", "PAUSED")).retrieve().toBodilessEntity();
		assertThat(paused.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(jdbc.sql("select count(*) from outbox").query(Integer.class).single())
			.as("waiting in the outbox while Kafka is down").isGreaterThanOrEqualTo(51);

		kafka.start();

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			List<String> published = TopicRecords.all(kafka.bootstrapServers(), Topics.CHECKINS).stream()
				.filter(record -> clientId.equals(record.key()))
				.map(record -> EventJson.read(record.value(), CheckInReceived.class).checkInId().toString())
				.toList();
			Set<String> distinct = published.stream().collect(Collectors.toSet());
			assertThat(distinct).containsExactlyInAnyOrderElementsOf(accepted);
			assertThat(published).as("each exactly once, in commit order").containsExactlyElementsOf(accepted);
			assertThat(profiles(clientId)).extracting(ClientProfile::status)
				.containsExactly(ClientStatus.ACTIVE, ClientStatus.PAUSED);
		});
		assertThat(jdbc.sql("select count(*) from outbox").query(Integer.class).single()).isZero();
	}

	private static List<ClientProfile> profiles(String clientId) {
		return TopicRecords.all(kafka.bootstrapServers(), Topics.CLIENT_PROFILES).stream()
			.filter(record -> clientId.equals(record.key()))
			.map(record -> EventJson.read(record.value(), ClientProfile.class))
			.toList();
	}
}
