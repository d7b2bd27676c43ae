package app.lantern.checkin.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.checkin.StaffApi;
import app.lantern.events.CheckInReceived;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.checkin.CheckinServiceTest;
import app.lantern.testsupport.TopicRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

@CheckinServiceTest
class CheckInApiTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	RestClient api;

	String clientId;

	@BeforeEach
	void enrol() {
		api = StaffApi.admin(port);
		clientId = StaffApi.enrol(api, "Avery", app.lantern.checkin.TestPhones.next());
	}

	@Test
	void anAcceptedCheckInIsStoredAndPublishedOnce() {
		var answer = api.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", clientId, "craving", 6, "mood", 3, "note", "ok day")).retrieve()
			.toEntity(Map.class);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		String id = (String) answer.getBody().get("id");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			List<CheckInReceived> published = TopicRecords.all(Topics.CHECKINS).stream()
				.filter(record -> clientId.equals(record.key()))
				.map(record -> EventJson.read(record.value(), CheckInReceived.class))
				.toList();
			assertThat(published).singleElement().satisfies(event -> {
				assertThat(event.checkInId()).hasToString(id);
				assertThat(event.craving()).isEqualTo(6);
				assertThat(event.mood()).isEqualTo(3);
			});
		});
		assertThat(api.get().uri("/api/clients/{id}/checkins", clientId).retrieve().body(List.class)).hasSize(1);
	}

	@Test
	void aRepeatedIdempotencyKeyReturnsTheSameIdAndRecordsNothingNew() {
		var first = api.post().uri("/api/checkins").header("Idempotency-Key", "retry-" + clientId)
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("clientId", clientId, "craving", 4)).retrieve()
			.body(Map.class);
		var second = api.post().uri("/api/checkins").header("Idempotency-Key", "retry-" + clientId)
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("clientId", clientId, "craving", 4)).retrieve()
			.body(Map.class);

		assertThat(second.get("id")).isEqualTo(first.get("id"));
		assertThat(jdbc.sql("select count(*) from check_in where client_id = ?::uuid").param(clientId)
			.query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void anIdempotencyKeyBelongsToItsClientAndAnotherBodyUnderItIsRefused() {
		String otherClient = StaffApi.enrol(api, "Blake", app.lantern.checkin.TestPhones.next());
		String key = "shared-" + UUID.randomUUID();
		var forAvery = api.post().uri("/api/checkins").header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("clientId", clientId, "craving", 4)).retrieve()
			.body(Map.class);
		var forBlake = api.post().uri("/api/checkins").header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("clientId", otherClient, "craving", 9)).retrieve()
			.body(Map.class);
		var changed = api.post().uri("/api/checkins").header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("clientId", clientId, "craving", 9)).retrieve()
			.toEntity(Map.class);

		assertThat(forBlake.get("id")).as("another client's check-in under the same key is not lost")
			.isNotEqualTo(forAvery.get("id"));
		assertThat(jdbc.sql("select craving from check_in where client_id = ?::uuid").param(otherClient)
			.query(Integer.class).list()).containsExactly(9);
		assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(changed.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
		assertThat(changed.getBody().toString()).contains("field=Idempotency-Key");
		assertThat(jdbc.sql("select craving from check_in where client_id = ?::uuid").param(clientId)
			.query(Integer.class).list()).as("the first check-in stands, nothing new is stored").containsExactly(4);
	}

	@Test
	void aCravingOutOfRangeIsRefusedAndNothingIsStored() {
		var answer = api.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", clientId, "craving", 12, "mood", 9)).retrieve().toEntity(Map.class);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(answer.getBody().toString()).contains("field=craving").contains("field=mood");
		assertThat(jdbc.sql("select count(*) from check_in where client_id = ?::uuid").param(clientId)
			.query(Integer.class).single()).isZero();
	}

	@Test
	void aCheckInForAnUnknownClientIsNotFound() {
		var answer = api.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", java.util.UUID.randomUUID().toString(), "craving", 3)).retrieve()
			.toEntity(Map.class);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void anUnauthenticatedCheckInIsRefusedWith401AndNothingIsStored() {
		var answer = StaffApi.anonymous(port).post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", clientId, "craving", 3)).retrieve().toBodilessEntity();

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(jdbc.sql("select count(*) from check_in where client_id = ?::uuid").param(clientId)
			.query(Integer.class).single()).isZero();
		api.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", clientId, "craving", 1)).retrieve().toBodilessEntity();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TopicRecords.all(Topics.CHECKINS).stream()
			.filter(record -> clientId.equals(record.key()))
			.map(record -> EventJson.read(record.value(), CheckInReceived.class).craving()))
			.as("only the authenticated check-in reached the topic").containsExactly(1));
	}
}
