package app.lantern.checkin.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.events.ClientProfile;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.testsupport.TopicRecords;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

/** The operator's republish: every client's profile goes out again with a newer version; ADMIN only. */
@CheckinServiceTest
class ProfileRepublisherTest {

	@LocalServerPort
	int port;

	@Test
	void everyProfileIsPublishedAgainWithANewerVersion() {
		var admin = StaffApi.admin(port);
		String clientId = StaffApi.enrol(admin, "Ren", TestPhones.next());
		long before = newestVersion(clientId);

		var answer = admin.post().uri("/api/staff/profiles/republish").retrieve().toEntity(Map.class);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat((Integer) answer.getBody().get("republished")).isPositive();
		await().atMost(Duration.ofSeconds(20)).until(() -> newestVersion(clientId) > before);
	}

	@Test
	void anAnonymousCallerCannotRepublish() {
		assertThat(StaffApi.anonymous(port).post().uri("/api/staff/profiles/republish").retrieve().toBodilessEntity()
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	private static long newestVersion(String clientId) {
		return TopicRecords.all(Topics.CLIENT_PROFILES).stream()
			.filter(record -> clientId.equals(record.key()) && record.value() != null)
			.mapToLong(record -> EventJson.read(record.value(), ClientProfile.class).version())
			.max()
			.orElse(0);
	}
}
