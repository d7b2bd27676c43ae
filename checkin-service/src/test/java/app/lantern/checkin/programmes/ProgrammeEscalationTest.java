package app.lantern.checkin.programmes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.ClientPages;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.events.AlertType;
import app.lantern.testsupport.ConsoleBrowser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * A programme's own escalation timeouts: set through the API (checked, audited), and carried at once to the rules
 * engine in a new profile of each of its clients — while another programme's clients keep the deployment's.
 */
@CheckinServiceTest
class ProgrammeEscalationTest {

	@LocalServerPort
	int port;

	@Test
	void aProgrammesEscalationTimeoutsReachEveryProfileOfItsClientsAndNoOneElses() {
		RestClient admin = StaffApi.admin(port);
		String fast = StaffApi.newProgramme(port, "Fast");
		String other = StaffApi.newProgramme(port, "Other");
		String ours = enrol(admin, fast, "Kai");
		String theirs = enrol(admin, other, "Lee");

		var wrong = admin.put().uri("/api/programmes/{id}", fast).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Fast", "timezone", "America/Chicago", "escalationMinutes",
					Map.of("DISENGAGING", 5, "NOTHING", 5, "CRISIS", 0)))
			.retrieve().toEntity(String.class);
		assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(wrong.getBody()).contains("\"field\":\"escalationMinutes.DISENGAGING\"",
				"\"field\":\"escalationMinutes.NOTHING\"", "\"field\":\"escalationMinutes.CRISIS\"");

		Map<?, ?> changed = admin.put().uri("/api/programmes/{id}", fast).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Fast", "timezone", "America/Chicago", "escalationMinutes",
					Map.of("CRISIS", 3, "MISSED_CHECKIN", 20)))
			.retrieve().body(Map.class);
		assertThat(changed.get("escalationMinutes")).isEqualTo(Map.of("CRISIS", 3, "MISSED_CHECKIN", 20));

		await().atMost(Duration.ofSeconds(20)).until(() -> ClientPages.latestProfile(ours).escalationMinutes()
			.equals(Map.of(AlertType.CRISIS, 3, AlertType.MISSED_CHECKIN, 20)));
		assertThat(ClientPages.latestProfile(theirs).escalationMinutes()).as("another programme keeps the deployment's").isEmpty();
		assertThat(admin.get().uri("/api/audit?actor=admin&limit=50").retrieve().body(String.class))
			.contains("PROGRAMME_ESCALATION_CHANGED");
	}

	@Test
	void theProgrammesOwnAdministratorSetsItsPolicyInTheConsoleAndNoOneElsesProgramme() {
		RestClient admin = StaffApi.admin(port);
		String ours = StaffApi.newProgramme(port, "Ours");
		String elsewhere = StaffApi.newProgramme(port, "Elsewhere");
		String lead = "lead-" + ours;
		admin.post().uri("/api/staff").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", lead, "password", StaffApi.STAFF_PASSWORD, "role", "PROGRAMME_ADMIN", "programmes",
					List.of(ours)))
			.retrieve().toBodilessEntity();
		ConsoleBrowser console = ConsoleBrowser.signedIn(port, lead, StaffApi.STAFF_PASSWORD);
		String page = "/programmes/" + ours + "/policy";
		assertThat(console.get(page).body()).contains("Ours: policy", "name=\"escalation.CRISIS\"");

		assertThat(console.get("/programmes/" + elsewhere + "/policy").statusCode()).isEqualTo(404);
		assertThat(StaffApi.as(port, lead, StaffApi.STAFF_PASSWORD).put().uri("/api/programmes/{id}", elsewhere)
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("name", "Taken", "timezone", "UTC")).retrieve()
			.toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		String staff = StaffApi.newStaff(port, List.of(ours));
		assertThat(ConsoleBrowser.signedIn(port, staff, StaffApi.STAFF_PASSWORD).get(page).statusCode())
			.as("a worker does not set the policy").isEqualTo(404);

		// (the refusals first: the policy saved below requires a second factor of everyone, these users included)
		var wrong = console.postFrom(page, page, "escalation.CRISIS=0&language=en&maxAwayDays=3");
		assertThat(wrong.body()).contains("Nothing was changed");
		var saved = console.postFrom(page, page, "escalation.CRISIS=3&escalation.MISSED_CHECKIN=20&followUpMissedHours="
				+ "&followUpDisengagingHours=48&maxAwayDays=5&language=es&secondFactorRequired=on");
		assertThat(saved.statusCode()).isEqualTo(302);
		List<Map<String, Object>> all = admin.get().uri("/api/programmes").retrieve()
			.body(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			});
		Map<String, Object> policy = all.stream().filter(p -> ours.equals(p.get("id"))).findFirst().orElseThrow();
		assertThat(policy.get("escalationMinutes")).isEqualTo(Map.of("CRISIS", 3, "MISSED_CHECKIN", 20));
		assertThat(policy.get("followUpMissedHours")).as("blank: no follow-up").isNull();
		assertThat(policy.get("followUpDisengagingHours")).isEqualTo(48);
		assertThat(policy.get("maxAwayDays")).isEqualTo(5);
		assertThat(policy.get("language")).isEqualTo("es");
		assertThat(policy.get("secondFactorRequired")).isEqualTo(true);
	}

	private static String enrol(RestClient admin, String programme, String name) {
		Map<String, Object> enrolment = new HashMap<>(StaffApi.enrolment(name, TestPhones.next()));
		enrolment.put("programme", programme);
		return (String) admin.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON).body(enrolment)
			.retrieve().body(Map.class).get("id");
	}
}
