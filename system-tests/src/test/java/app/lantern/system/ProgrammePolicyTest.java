package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.testsupport.ConsoleBrowser;
import app.lantern.testsupport.Enrolments;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.MediaType;

/**
 * A programme's own policy, through the real services: its administrator sets a CRISIS escalation timeout of 5
 * minutes and adds a crisis word in Spanish in the console. A client of the programme texting the new word raises a
 * CRISIS at once, which climbs when 5 minutes have passed (the clock moved); another programme, whose crises climb
 * after 15, keeps its own: the same word from its client is no crisis, and its crisis climbs only at 15.
 */
@Order(18)
@ExtendWith(SandboxPlatform.class)
class ProgrammePolicyTest {

	private static final String OURS = "+12025550291";

	private static final String THEIRS = "+12025550292";

	private static final String WORD = "ya no quiero despertar";

	@Test
	void aProgrammesCrisisWordAndTimeoutHoldForItsClientsAndAnotherProgrammeKeepsItsOwn() {
		Staff staff = SandboxPlatform.staff();
		String ours = staff.newProgramme("Esperanza");
		String theirs = staff.newProgramme("Otra");
		String lead = "lead-" + UUID.randomUUID().toString().substring(0, 6);
		staff.api.post().uri("/api/staff").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", lead, "password", "a long enough password", "role", "PROGRAMME_ADMIN",
					"programmes", List.of(ours)))
			.retrieve().toBodilessEntity();
		staff.api.put().uri("/api/programmes/{id}", theirs).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Otra", "timezone", "UTC", "escalationMinutes", Map.of("CRISIS", 15)))
			.retrieve().toBodilessEntity();
		String ourClient = Enrolments.enrol(staff.api, Enrolments.client("Alma", OURS,
				Map.of("programme", ours, "timezone", "UTC", "language", "es")));
		String theirClient = Enrolments.enrol(staff.api, Enrolments.client("Río", THEIRS,
				Map.of("programme", theirs, "timezone", "UTC", "language", "es")));

		ConsoleBrowser console = ConsoleBrowser.signedIn(
				((WebServerApplicationContext) staff.platform.checkin).getWebServer().getPort(), lead,
				"a long enough password");
		String page = "/programmes/" + ours + "/policy";
		var saved = console.postFrom(page, page, "escalation.CRISIS=5&language=es&maxAwayDays=3&followUpMissedHours=24"
				+ "&followUpDisengagingHours=72&crisisWords.es=" + ConsoleBrowser.encode(WORD));
		assertThat(saved.statusCode()).as("saved, back to the page").isEqualTo(302);
		staff.awaitProfile(ourClient, profile -> profile.escalationMinutes().size() == 1);
		staff.awaitProfile(theirClient, profile -> profile.escalationMinutes().size() == 1);

		assertThat(staff.text(THEIRS, "Ya no quiero despertar")).as("not a word of crisis in another programme")
			.contains("no entendimos");
		Instant raised = staff.platform.clock.instant();
		assertThat(staff.text(OURS, "Ya no quiero despertar")).contains("988");
		assertThat(staff.text(THEIRS, "no quiero vivir")).as("the deployment's words hold everywhere").contains("988");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(crisis(staff, ourClient)).containsEntry("level", 1);
			assertThat(crisis(staff, theirClient)).containsEntry("level", 1);
		});

		staff.moveClockTo(raised.plus(Duration.ofMinutes(5)).plusSeconds(2));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(crisis(staff, ourClient))
			.as("climbed after the programme's 5 minutes").containsEntry("level", 2));
		assertThat(crisis(staff, theirClient)).as("the other programme's crisis waits its own 15")
			.containsEntry("level", 1);

		staff.moveClockTo(raised.plus(Duration.ofMinutes(15)).plusSeconds(2));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(crisis(staff, theirClient))
			.containsEntry("level", 2));

		// no later ladder of these two reaches another test's staff
		for (String clientId : List.of(ourClient, theirClient)) {
			staff.api.post().uri("/api/alerts/{id}/resolve", crisis(staff, clientId).get("id"))
				.contentType(MediaType.APPLICATION_JSON).body(Map.of("outcome", "HELPFUL")).retrieve().toBodilessEntity();
		}
	}

	private static Map<String, Object> crisis(Staff staff, String clientId) {
		return staff.openAlerts(clientId).stream().filter(alert -> "CRISIS".equals(alert.get("type"))).findFirst()
			.orElseThrow(() -> new AssertionError("no open CRISIS"));
	}
}
