package app.lantern.checkin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.testsupport.ConsoleBrowser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** The client page's timeline: check-ins, alerts and case notes in one list, newest first. */
@CheckinServiceTest
class TimelineTest {

	@LocalServerPort
	int port;

	@Test
	void checkInsAlertsAndCaseNotesReadAsOneStoryNewestFirst() {
		RestClient admin = StaffApi.admin(port);
		String clientId = StaffApi.enrol(admin, "Harper", TestPhones.next());
		admin.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", clientId, "craving", 3, "mood", 4)).retrieve().toBodilessEntity();
		admin.post().uri("/api/clients/{id}/notes", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("kind", "call", "outcome", "REACHED", "text", "Planned the week"))
			.retrieve().toBodilessEntity();
		ConsoleBrowser console = ConsoleBrowser.signedIn(port, "admin", StaffApi.ADMIN_PASSWORD);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			String page = console.get("/clients/" + clientId).body();
			String timeline = page.substring(page.indexOf("id=\"timeline-heading\""), page.indexOf("id=\"network-heading\""));
			assertThat(timeline).contains("Checked in by", "craving 3, mood 4", "Planned the week");
			assertThat(List.of(timeline.indexOf("Planned the week"), timeline.indexOf("craving 3")))
				.as("newest first: the note came after the check-in").isSorted();
		});
	}
}
