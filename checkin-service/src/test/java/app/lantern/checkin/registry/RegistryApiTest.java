package app.lantern.checkin.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.events.ClientProfile;
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
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

@CheckinServiceTest
class RegistryApiTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	RestClient api;

	@BeforeEach
	void signIn() {
		api = StaffApi.admin(port);
	}

	@Test
	void aClientHasAtMostTwentySupportContacts() {
		String clientId = StaffApi.enrol(api, "Noor", TestPhones.next());
		for (int i = 0; i < 20; i++) {
			addContact(clientId, "Contact " + i);
		}

		var oneMore = api.post().uri("/api/clients/{id}/contacts", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "One more", "role", "PEER", "phone", TestPhones.next(), "channels", List.of("SMS")))
			.retrieve().toEntity(Map.class);

		assertThat(oneMore.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(oneMore.getBody().toString()).contains("field=contacts");
	}

	private void addContact(String clientId, String name) {
		api.post().uri("/api/clients/{id}/contacts", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", name, "role", "PEER", "phone", TestPhones.next(), "channels", List.of("SMS")))
			.retrieve().toBodilessEntity();
	}

	@Test
	void enrollingAClientAnswersWithItsIdAndAPrivateCheckInLink() {
		ResponseEntity<Map> created = api.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(StaffApi.enrolment("Jordan", "+12025550141")).retrieve().toEntity(Map.class);

		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(created.getBody()).containsKeys("id").containsEntry("status", "ACTIVE");
		String url = (String) created.getBody().get("checkinUrl");
		assertThat(url).startsWith("http://localhost:8080/c/");
		String token = url.substring(url.lastIndexOf('/') + 1);
		assertThat(token).hasSizeGreaterThanOrEqualTo(32);
		assertThat(jdbc.sql("select count(*) from client where link_token_hash = ?").param(LinkTokens.hash(token))
			.query(Integer.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from client where link_token_hash = ?").param(token)
			.query(Integer.class).single()).as("the token itself is never stored").isZero();
	}

	@Test
	void everyBadFieldIsNamedInOneProblemAndNothingIsStored() {
		Map<String, Object> body = new HashMap<>(StaffApi.enrolment("", "555-0142"));
		body.put("timezone", "Mars/Olympus");
		body.put("cravingThreshold", 11);
		body.put("schedule", Map.of("dueTimes", List.of("25:00"), "graceMinutes", 0));
		int before = clients();

		ResponseEntity<Map> answer = api.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON).body(body)
			.retrieve().toEntity(Map.class);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		assertThat(fields(answer)).containsExactlyInAnyOrder("displayName", "phone", "timezone",
				"schedule.dueTimes[0]", "schedule.graceMinutes", "cravingThreshold");
		assertThat(clients()).isEqualTo(before);
	}

	@Test
	void aValueOfTheWrongTypeIsNamed() {
		Map<String, Object> body = new HashMap<>(StaffApi.enrolment("Jordan", "+12025550143"));
		body.put("cravingThreshold", "high");

		ResponseEntity<Map> answer = api.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON).body(body)
			.retrieve().toEntity(Map.class);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(fields(answer)).containsExactly("cravingThreshold");
	}

	@Test
	void aPhoneNumberCanBeEnrolledOnlyOnce() {
		StaffApi.enrol(api, "Jordan", "+12025550144");

		ResponseEntity<Map> again = api.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(StaffApi.enrolment("Someone else", "+1 202 555 0144")).retrieve().toEntity(Map.class);

		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(fields(again)).containsExactly("phone");
	}

	@Test
	void unknownIdsAreNotFound() {
		var answer = api.get().uri("/api/clients/{id}", java.util.UUID.randomUUID()).retrieve().toEntity(Map.class);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void aRevokedConsentShowsInTheNextProfileEventWithAHigherVersion() {
		String clientId = StaffApi.enrol(api, "Robin", "+12025550145");
		Map<?, ?> contact = api.post().uri("/api/clients/{id}/contacts", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Sam", "role", "SPONSOR", "phone", "+12025550146", "channels", List.of("SMS")))
			.retrieve().body(Map.class);
		Map<?, ?> consent = api.post().uri("/api/clients/{id}/contacts/{c}/consents", clientId, contact.get("id"))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("alertTypes", List.of("CRISIS"), "purpose", "crisis support", "expiresOn", "2099-01-01"))
			.retrieve().body(Map.class);

		var revoked = api.post().uri("/api/clients/{id}/contacts/{c}/consents/{k}/revoke", clientId, contact.get("id"),
				consent.get("id")).retrieve().toBodilessEntity();
		assertThat(revoked.getStatusCode()).isEqualTo(HttpStatus.OK);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			List<ClientProfile> profiles = TopicRecords.all(Topics.CLIENT_PROFILES).stream()
				.filter(record -> clientId.equals(record.key()))
				.map(record -> EventJson.read(record.value(), ClientProfile.class))
				.toList();
			assertThat(profiles).extracting(ClientProfile::version).containsExactly(1L, 2L, 3L, 4L);
			ClientProfile.Consent granted = profiles.get(2).contacts().get(0).consents().get(0);
			ClientProfile.Consent afterRevoke = profiles.get(3).contacts().get(0).consents().get(0);
			assertThat(granted.revokedAt()).isNull();
			assertThat(afterRevoke.revokedAt()).isNotNull();
			assertThat(afterRevoke.isActiveAt(afterRevoke.revokedAt())).isFalse();
		});
	}

	@Test
	void everyChangeIsAuditedWithTheStaffUser() {
		String clientId = StaffApi.enrol(api, "Quinn", "+12025550147");
		api.post().uri("/api/clients/{id}/status", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("status", "PAUSED")).retrieve().toBodilessEntity();

		List<String> actions = jdbc.sql("select actor || ':' || action from audit_event where client_id = ?::uuid order by id")
			.param(clientId).query(String.class).list();
		assertThat(actions).containsExactly("admin:ENROLLED", "admin:STATUS_CHANGED");
	}

	@Test
	void erasingAClientRemovesTheRecordAndPublishesATombstone() {
		String clientId = StaffApi.enrol(api, "Sky", "+12025550148");
		api.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", clientId, "craving", 2)).retrieve().toBodilessEntity();

		assertThat(api.delete().uri("/api/clients/{id}", clientId).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);

		assertThat(api.get().uri("/api/clients/{id}", clientId).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(jdbc.sql("select count(*) from check_in where client_id = ?::uuid").param(clientId)
			.query(Integer.class).single()).isZero();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			var records = TopicRecords.all(Topics.CLIENT_PROFILES).stream()
				.filter(record -> clientId.equals(record.key())).toList();
			assertThat(records).isNotEmpty();
			assertThat(records.get(records.size() - 1).value()).as("tombstone").isNull();
		});
	}

	@Test
	void profileEventsOfOneClientArriveInCommitOrderUnderConcurrentChanges() throws Exception {
		String clientId = StaffApi.enrol(api, "Morgan", "+12025550149");
		var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
		try {
			var changes = new java.util.ArrayList<java.util.concurrent.Future<?>>();
			for (int i = 0; i < 40; i++) {
				String due = String.format("%02d:%02d", 6 + i % 12, i % 60);
				changes.add(pool.submit(() -> api.put().uri("/api/clients/{id}/schedule", clientId)
					.contentType(MediaType.APPLICATION_JSON).body(Map.of("dueTimes", List.of(due))).retrieve()
					.toBodilessEntity()));
			}
			for (var change : changes) {
				change.get();
			}
		}
		finally {
			pool.shutdown();
		}

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<Long> versions = TopicRecords.all(Topics.CLIENT_PROFILES).stream()
				.filter(record -> clientId.equals(record.key()))
				.map(record -> EventJson.read(record.value(), ClientProfile.class).version())
				.toList();
			assertThat(versions).hasSize(41).isSorted().doesNotHaveDuplicates();
			assertThat(versions.get(40)).isEqualTo(41L);
		});
	}

	private int clients() {
		return jdbc.sql("select count(*) from client").query(Integer.class).single();
	}

	@SuppressWarnings("unchecked")
	private static List<String> fields(ResponseEntity<Map> answer) {
		return ((List<Map<String, String>>) answer.getBody().get("errors")).stream().map(error -> error.get("field"))
			.toList();
	}
}
