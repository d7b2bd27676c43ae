package app.lantern.checkin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import app.lantern.checkin.StaffApi;
import app.lantern.testsupport.LanternInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "lantern.admin-password=" + StaffApi.ADMIN_PASSWORD)
@LanternInfrastructure
class ActuatorTest {

	@LocalServerPort
	int port;

	@Test
	void readinessWaitsForTheDatabaseAndTheKafkaListeners() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			var readiness = StaffApi.anonymous(port).get().uri("/actuator/health/readiness").retrieve()
				.toEntity(String.class);
			assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(readiness.getBody()).contains("\"kafkaListeners\"").contains("\"db\"");
		});
		var liveness = StaffApi.anonymous(port).get().uri("/actuator/health/liveness").retrieve().toBodilessEntity();
		assertThat(liveness.getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void prometheusShowsLanternMetricsWithoutPersonalData() {
		String metrics = StaffApi.anonymous(port).get().uri("/actuator/prometheus").retrieve().body(String.class);

		assertThat(metrics).contains("lantern_outbox_pending").contains("service=\"checkin-service\"");
		assertThat(metrics).doesNotContainPattern("\\+1\\d{10}");
	}
}
