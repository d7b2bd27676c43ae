package app.lantern.checkin.programmes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.ClientPages;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.checkin.sms.TwilioRequests;
import app.lantern.events.ClientProfile;
import app.lantern.testsupport.ConsoleBrowser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * What a programme's policy says to people: the crisis words it adds (its clients' texts only), who its replies
 * tell clients to call (in their language when it names no one), the quiet hours of contacts who set none — each in
 * force from the moment it is saved, and each saved policy kept as a version.
 */
@CheckinServiceTest
class ProgrammeVoiceTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aCrisisWordAddedInTheConsoleIsACrisisForTheProgrammesClientsAtOnceAndNoOneElses() {
		RestClient admin = StaffApi.admin(port);
		String ours = StaffApi.newProgramme(port, "Esperanza");
		String other = StaffApi.newProgramme(port, "Otro");
		String ourPhone = TestPhones.next();
		String otherPhone = TestPhones.next();
		String ourClient = enrol(admin, ours, "Paz", ourPhone);
		String otherClient = enrol(admin, other, "Luz", otherPhone);
		TwilioRequests twilio = new TwilioRequests(port);
		String words = "ya me voy para siempre";
		assertThat(twilio.sms(ourPhone, "Ya me voy para siempre", TwilioRequests.sid()).getBody())
			.as("before the programme adds it, not a word of crisis").contains("no entendimos");

		ConsoleBrowser console = ConsoleBrowser.signedIn(port, "admin", StaffApi.ADMIN_PASSWORD);
		String page = "/programmes/" + ours + "/policy";
		var saved = console.postFrom(page, page, "language=es&maxAwayDays=3&crisisWords.es="
				+ ConsoleBrowser.encode(words + "\nno aguanto") + "&crisisWords.en=");
		assertThat(saved.statusCode()).isEqualTo(302);

		assertThat(twilio.sms(ourPhone, "Ya me voy para SIEMPRE", TwilioRequests.sid()).getBody())
			.contains("No está solo", "988");
		assertThat(crisisCheckIns(ourClient)).isEqualTo(1);
		assertThat(twilio.sms(otherPhone, "Ya me voy para siempre", TwilioRequests.sid()).getBody())
			.as("another programme keeps its own words").contains("no entendimos");
		assertThat(crisisCheckIns(otherClient)).isZero();
		assertThat(twilio.sms(otherPhone, "quiero morir", TwilioRequests.sid()).getBody())
			.as("and the deployment's hold for everyone").contains("No está solo");
		assertThat(console.get(page).body()).contains(words);
	}

	@Test
	void helpNamesTheProgrammeAndItsNumberOrYourCareTeamInTheClientsOwnLanguage() {
		RestClient admin = StaffApi.admin(port);
		String named = StaffApi.newProgramme(port, "Named");
		String unnamed = StaffApi.newProgramme(port, "Unnamed");
		admin.put().uri("/api/programmes/{id}", named).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Named", "timezone", "UTC", "language", "es", "smsName", "Centro Esperanza",
					"smsPhone", "+12025550199"))
			.retrieve().toBodilessEntity();
		admin.put().uri("/api/programmes/{id}", unnamed).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Unnamed", "timezone", "UTC", "language", "es")).retrieve().toBodilessEntity();
		String namedPhone = TestPhones.next();
		String unnamedPhone = TestPhones.next();
		enrol(admin, named, "Sol", namedPhone);
		enrol(admin, unnamed, "Mar", unnamedPhone);
		TwilioRequests twilio = new TwilioRequests(port);

		assertThat(twilio.sms(namedPhone, "AYUDA", TwilioRequests.sid()).getBody())
			.contains("<Message>Lantern, con Centro Esperanza (+12025550199).");
		assertThat(twilio.sms(unnamedPhone, "AYUDA", TwilioRequests.sid()).getBody())
			.contains("<Message>Lantern, con su equipo de atención.").doesNotContain("your care team");

		var wrong = admin.put().uri("/api/programmes/{id}", named).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Named", "timezone", "UTC", "smsPhone", "call us", "crisisWords",
					Map.of("xx-not-a-language!", List.of("a"), "es", List.of("x"))))
			.retrieve().toEntity(String.class);
		assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(wrong.getBody()).contains("\"field\":\"smsPhone\"", "\"field\":\"crisisWords.xx-not-a-language!\"",
				"\"field\":\"crisisWords.es[0]\"");
	}

	@Test
	void aContactWithoutQuietHoursOfTheirOwnKeepsTheProgrammesFromTheMomentItIsSaved() {
		RestClient admin = StaffApi.admin(port);
		String programme = StaffApi.newProgramme(port, "Quiet");
		String clientId = enrol(admin, programme, "Noa", TestPhones.next());
		admin.post().uri("/api/clients/{id}/contacts", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Own hours", "role", "PEER", "phone", TestPhones.next(), "channels", List.of("SMS"),
					"quietHours", Map.of("start", "21:00", "end", "06:00")))
			.retrieve().toBodilessEntity();
		admin.post().uri("/api/clients/{id}/contacts", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "No hours", "role", "PEER", "phone", TestPhones.next(), "channels", List.of("SMS")))
			.retrieve().toBodilessEntity();

		admin.put().uri("/api/programmes/{id}", programme).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Quiet", "timezone", "UTC", "quietHours", Map.of("start", "22:30", "end", "07:00")))
			.retrieve().toBodilessEntity();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Map<String, ClientProfile.QuietHours> quiet = new HashMap<>();
			ClientPages.latestProfile(clientId).contacts().forEach(contact -> quiet.put(contact.name(), contact.quietHours()));
			assertThat(quiet).containsEntry("Own hours", new ClientProfile.QuietHours(LocalTime.of(21, 0), LocalTime.of(6, 0)))
				.containsEntry("No hours", new ClientProfile.QuietHours(LocalTime.of(22, 30), LocalTime.of(7, 0)));
		});
	}

	@Test
	void aProgrammesRulesFileIsCheckedWholeRefusedWithTheLineNamedAndCarriedToItsClientsProfiles() {
		RestClient admin = StaffApi.admin(port);
		String programme = StaffApi.newProgramme(port, "Own rules");
		String clientId = enrol(admin, programme, "Ari", TestPhones.next());
		String broken = "rules:\n  - id: crisis\n    type: CRISIS\n    severity: CRITICAL\n    condition: \"crisis\"\n"
				+ "  - id: low-mood\n    type: HIGH_CRAVING\n    severity: MEDIUM\n    condition: \"T(java.lang.Runtime).getRuntime()\"\n";

		var refused = admin.put().uri("/api/programmes/{id}", programme).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Own rules", "timezone", "UTC", "rules", broken)).retrieve().toEntity(String.class);
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getBody()).contains("\"field\":\"rules\"", "line 6: rule 'low-mood'");

		String rules = broken.replace("T(java.lang.Runtime).getRuntime()", "mood != null and mood <= 1");
		ConsoleBrowser console = ConsoleBrowser.signedIn(port, "admin", StaffApi.ADMIN_PASSWORD);
		String page = "/programmes/" + programme + "/policy";
		assertThat(console.postFrom(page, page, "language=en&maxAwayDays=3&rules=" + ConsoleBrowser.encode(rules))
			.statusCode()).isEqualTo(302);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ClientPages.latestProfile(clientId).rules())
			.isEqualTo(rules.strip()));
	}

	@Test
	void everySavedPolicyIsKeptAsAVersionForItsAdministratorsOnly() {
		RestClient admin = StaffApi.admin(port);
		String programme = StaffApi.newProgramme(port, "Versioned");
		admin.put().uri("/api/programmes/{id}", programme).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Versioned", "timezone", "UTC", "escalationMinutes", Map.of("CRISIS", 5)))
			.retrieve().toBodilessEntity();
		admin.put().uri("/api/programmes/{id}", programme).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Versioned", "timezone", "UTC", "escalationMinutes", Map.of("CRISIS", 7)))
			.retrieve().toBodilessEntity();

		List<Map<String, Object>> versions = admin.get().uri("/api/programmes/{id}/policy-versions", programme)
			.retrieve().body(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			});
		assertThat(versions).extracting(version -> version.get("version")).containsExactly(3, 2, 1);
		assertThat(versions).extracting(version -> (Object) ((Map<?, ?>) version.get("policy")).get("escalationMinutes"))
			.containsExactly(Map.of("CRISIS", 7), Map.of("CRISIS", 5), Map.of());
		assertThat(versions).allSatisfy(version -> assertThat(version).containsEntry("changedBy", "admin"));
		String worker = StaffApi.newStaff(port, List.of(programme));
		assertThat(StaffApi.as(port, worker, StaffApi.STAFF_PASSWORD).get()
			.uri("/api/programmes/{id}/policy-versions", programme).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(ConsoleBrowser.signedIn(port, "admin", StaffApi.ADMIN_PASSWORD)
			.get("/programmes/" + programme + "/policy").body()).contains("<h2>Versions</h2>");
	}

	private int crisisCheckIns(String clientId) {
		return jdbc.sql("select count(*) from check_in where client_id = ?::uuid and crisis").param(clientId)
			.query(Integer.class).single();
	}

	private static String enrol(RestClient admin, String programme, String name, String phone) {
		Map<String, Object> enrolment = new HashMap<>(StaffApi.enrolment(name, phone));
		enrolment.put("programme", programme);
		enrolment.put("language", "es");
		return (String) admin.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON).body(enrolment)
			.retrieve().body(Map.class).get("id");
	}
}
