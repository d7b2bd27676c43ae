package app.lantern.checkin.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.ClientPages;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.checkin.sms.TwilioRequests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * The client's own recovery plan: written on their private page (a version of theirs), changed by staff with them
 * (another, audited), texted back on PLAN, its coping steps the answer to a hard day — and erased with them.
 */
@CheckinServiceTest
class RecoveryPlanTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theClientWritesTheirPlanStaffChangeItWithThemAndEachVersionIsKept() {
		RestClient api = StaffApi.admin(port);
		String phone = TestPhones.next();
		String clientId = StaffApi.enrol(api, "Rowan", phone);
		String token = ClientPages.token(api, clientId);
		String page = StaffApi.anonymous(port).get().uri("/c/{t}/plan", token).retrieve().body(String.class);
		assertThat(page).contains("My recovery plan", "Call my sponsor");

		var wrong = post(token, Map.of("proof", ClientPages.proof(page), "people", "Sam, not a number"));
		assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(wrong.getBody()).contains("people[0].phone");
		assertThat(versions(clientId)).as("nothing stored half-way").isZero();

		var saved = post(token, Map.of("proof", ClientPages.proof(page), "warningSigns", "Payday\nSeeing old friends",
				"copingSteps", "Walk to the river\nCall Sam", "people", "Sam, (202) 555-0198", "reasons", "My daughter",
				"crisisSteps", "Go to my sister's"));
		assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(saved.getBody()).contains("Saved.", "Walk to the river");

		Map<?, ?> plan = api.get().uri("/api/clients/{id}/plan", clientId).retrieve().body(Map.class);
		assertThat(plan.get("version")).isEqualTo(1);
		assertThat(plan.get("changedBy")).isEqualTo("client");
		assertThat(plan.toString()).contains("phone=+12025550198", "Payday");

		api.put().uri("/api/clients/{id}/plan", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("warningSigns", List.of("Payday"), "copingSteps", List.of("Call Sam", "Walk to the river")))
			.retrieve().toBodilessEntity();
		List<?> versions = api.get().uri("/api/clients/{id}/plan/versions", clientId).retrieve().body(List.class);
		assertThat(versions).extracting(version -> (Object) ((Map<?, ?>) version).get("version")).containsExactly(2, 1);
		assertThat(api.get().uri("/api/audit?clientId={id}", clientId).retrieve().body(String.class))
			.contains("PLAN_CHANGED_BY_CLIENT", "PLAN_CHANGED").doesNotContain("Walk to the river");

		TwilioRequests twilio = new TwilioRequests(port);
		assertThat(twilio.sms(phone, "PLAN", TwilioRequests.sid()).getBody())
			.contains("Warning signs: Payday", "1) Call Sam; 2) Walk to the river", "988");
		assertThat(twilio.sms(phone, "9", TwilioRequests.sid()).getBody()).as("a hard day: their own steps")
			.contains("Call Sam");
		assertThat(twilio.sms(phone, "3 mood 1", TwilioRequests.sid()).getBody()).as("a low mood is a hard day too")
			.contains("Call Sam");

		api.delete().uri("/api/clients/{id}", clientId).retrieve().toBodilessEntity();
		assertThat(versions(clientId)).as("erased with the client").isZero();
	}

	@Test
	void planTextsBackInTheClientsLanguageAndSaysSoWhenThereIsNone() {
		RestClient api = StaffApi.admin(port);
		String phone = TestPhones.next();
		Map<String, Object> enrolment = new HashMap<>(StaffApi.enrolment("Luz", phone));
		enrolment.put("language", "es");
		enrolment.put("copingPlan", List.of());
		api.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON).body(enrolment).retrieve()
			.toBodilessEntity();

		assertThat(new TwilioRequests(port).sms(phone, "mi plan", TwilioRequests.sid()).getBody())
			.contains("Todavía no tiene un plan de recuperación");
	}

	private int versions(String clientId) {
		return jdbc.sql("select count(*) from recovery_plan where client_id = ?::uuid").param(clientId)
			.query(Integer.class).single();
	}

	private ResponseEntity<String> post(String token, Map<String, String> form) {
		var body = new LinkedMultiValueMap<String, String>();
		form.forEach(body::add);
		return StaffApi.anonymous(port).post().uri("/c/{t}/plan", token)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(body).retrieve().toEntity(String.class);
	}
}
