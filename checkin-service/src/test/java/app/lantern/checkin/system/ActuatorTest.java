package app.lantern.checkin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.checkin.CheckinServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

@CheckinServiceTest
class ActuatorTest {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int management;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Test
	void readinessWaitsForTheDatabaseAndTheKafkaListeners() {
		awaitReadiness(HttpStatus.OK);
		var liveness = StaffApi.anonymous(management).get().uri("/actuator/health/liveness").retrieve()
			.toBodilessEntity();
		assertThat(liveness.getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	/**
	 * The internet-facing port answers a bare /actuator/health with UP or DOWN and nothing else; every other
	 * actuator path there is 401 or 404 to an anonymous caller. Details and metrics are on the management port.
	 */
	@Test
	void theInternetFacingPortTellsOnlyUpOrDown() {
		var health = StaffApi.anonymous(port).get().uri("/actuator/health").retrieve().toEntity(String.class);
		assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(health.getBody()).isEqualTo("{\"status\":\"UP\"}");
		for (String path : List.of("/actuator/health/readiness", "/actuator/health/liveness", "/actuator/health/db",
				"/actuator/prometheus", "/actuator/info", "/actuator", "/actuator/env", "/actuator/metrics",
				"/actuator/heapdump")) {
			assertThat(StaffApi.anonymous(port).get().uri(path).retrieve().toBodilessEntity().getStatusCode().value())
				.as(path).isIn(401, 404);
		}
		assertThat(StaffApi.anonymous(management).get().uri("/actuator/health").retrieve().body(String.class))
			.as("the details are on the management port").contains("\"db\"");
	}

	@Test
	void aStoppedKafkaListenerTakesTheInstanceOutOfServiceUntilItRunsAgain() {
		awaitReadiness(HttpStatus.OK);
		MessageListenerContainer alerts = listeners.getListenerContainer("checkin-alerts");
		alerts.stop();
		try {
			awaitReadiness(HttpStatus.SERVICE_UNAVAILABLE);
			var liveness = StaffApi.anonymous(management).get().uri("/actuator/health/liveness").retrieve()
				.toBodilessEntity();
			assertThat(liveness.getStatusCode()).as("not ready is not dead: no restart for this").isEqualTo(HttpStatus.OK);
		}
		finally {
			alerts.start();
		}
		awaitReadiness(HttpStatus.OK);
	}

	@Test
	void prometheusShowsLanternMetricsWithoutPersonalData() {
		// personal data goes through this context first: a client, a contact, a check-in with a note
		var api = StaffApi.admin(port);
		String clientPhone = TestPhones.next();
		String contactPhone = TestPhones.next();
		String clientId = StaffApi.enrol(api, "Marisol Quintanilla", clientPhone);
		api.post().uri("/api/clients/{id}/contacts", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Bartholomew Okonkwo", "role", "SPONSOR", "phone", contactPhone, "email",
					"bartholomew@example.org", "channels", List.of("SMS", "EMAIL"), "tier", 1))
			.retrieve().toBodilessEntity();
		api.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", clientId, "craving", 9, "note", "argued with my brother about money"))
			.retrieve().toBodilessEntity();

		String metrics = StaffApi.anonymous(management).get().uri("/actuator/prometheus").retrieve().body(String.class);

		assertThat(metrics).contains("lantern_outbox_pending").contains("service=\"checkin-service\"");
		assertThat(metrics).doesNotContainPattern("\\+1\\d{10}")
			.doesNotContain(clientPhone.substring(2), contactPhone.substring(2))
			.doesNotContain("Marisol", "Quintanilla", "Bartholomew", "Okonkwo", "example.org", "brother", clientId);
	}

	@Test
	void checkInsAreCountedByTheirProgrammeNeverByTheirClient() {
		String programme = StaffApi.newProgramme(port, "Counted");
		var api = StaffApi.admin(port);
		Map<String, Object> enrolment = new java.util.HashMap<>(StaffApi.enrolment("Wren", TestPhones.next()));
		enrolment.put("programme", programme);
		String clientId = (String) api.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON).body(enrolment)
			.retrieve().body(Map.class).get("id");
		api.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", clientId, "craving", 2)).retrieve().toBodilessEntity();

		String metrics = StaffApi.anonymous(management).get().uri("/actuator/prometheus").retrieve().body(String.class);

		assertThat(metrics).containsPattern("lantern_checkins_received_total\\{[^}]*programme=\"" + programme
				+ "\"[^}]*\\} 1\\.0").doesNotContain(clientId);
	}

	private void awaitReadiness(HttpStatus expected) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			var readiness = StaffApi.anonymous(management).get().uri("/actuator/health/readiness").exchange(
					(request, response) -> Map.entry(response.getStatusCode(), new String(response.getBody().readAllBytes())));
			assertThat(readiness.getKey()).isEqualTo(expected);
			assertThat(readiness.getValue()).contains("\"kafkaListeners\"").contains("\"db\"");
		});
	}
}
