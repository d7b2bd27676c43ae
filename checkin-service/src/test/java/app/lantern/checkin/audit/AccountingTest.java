package app.lantern.checkin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.testsupport.ConsoleBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * Every access accounted for: the audit trail (read by ADMINs only, filtered, without personal data), the
 * client's accounting of disclosures as CSV, and the staff's judgement of each alert on the programme board.
 */
@CheckinServiceTest
class AccountingTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	RestClient admin;

	@BeforeEach
	void signIn() {
		admin = StaffApi.admin(port);
	}

	@Test
	void anAdminReadsWhoViewedAndChangedARecordAndNoPersonalDataIsInTheTrail() {
		String phone = TestPhones.next();
		String username = StaffApi.newStaff(port, List.of("default"));
		RestClient staff = StaffApi.as(port, username, StaffApi.STAFF_PASSWORD);
		String clientId = StaffApi.enrol(staff, "Zora Quill", phone);
		staff.get().uri("/api/clients/{id}", clientId).retrieve().toBodilessEntity();
		staff.get().uri("/api/clients/{id}/checkins", clientId).retrieve().toBodilessEntity();
		staff.get().uri("/api/disclosures?clientId={id}", clientId).retrieve().toBodilessEntity();
		staff.get().uri("/api/alerts?clientId={id}", clientId).retrieve().toBodilessEntity();
		staff.patch().uri("/api/clients/{id}", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("copingPlan", List.of("Phone my sister Ruth"))).retrieve().toBodilessEntity();
		staff.post().uri("/api/clients/{id}/link/show", clientId).retrieve().toBodilessEntity();
		StaffApi.as(port, username, "not the password").get().uri("/api/clients").retrieve().toBodilessEntity();
		ConsoleBrowser.signedIn(port, username, StaffApi.STAFF_PASSWORD).get("/clients/" + clientId);

		assertThat(staff.get().uri("/api/audit").retrieve().toBodilessEntity().getStatusCode())
			.as("STAFF do not read the trail").isEqualTo(HttpStatus.FORBIDDEN);
		List<Map<String, Object>> ofClient = lines("/api/audit?clientId=" + clientId);
		assertThat(ofClient).allSatisfy(line -> assertThat(line).containsEntry("actor", username))
			.extracting(line -> line.get("action"))
			.contains("ENROLLED", "VIEWED_RECORD", "VIEWED_CHECK_INS", "VIEWED_DISCLOSURES", "VIEWED_ALERTS",
					"CLIENT_CHANGED", "LINK_SHOWN");
		assertThat(lines("/api/audit?actor=" + username)).extracting(line -> line.get("action"))
			.contains("SIGN_IN_FAILED", "SIGNED_IN", "ENROLLED");
		assertThat(lines("/api/audit?clientId=" + clientId + "&from=2999-01-01T00:00:00Z")).isEmpty();
		var wrong = admin.get().uri("/api/audit?from=yesterday").retrieve().toEntity(String.class);
		assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(wrong.getBody()).contains("\"field\":\"from\"");
		assertThat(jdbc.sql("select count(*) from audit_event where detail ~ ? or subject ~ ? or detail ~ ?")
			.params(phone.substring(2), "Zora", "Ruth").query(Integer.class).single())
			.as("no name, number or coping plan in the trail").isZero();
	}

	@Test
	void aClientsAccountingOfDisclosuresListsWhoWasToldWhatWhenAndUnderWhichConsent() {
		String clientId = StaffApi.enrol(admin, "Abel", TestPhones.next());
		String contactId = (String) admin.post().uri("/api/clients/{id}/contacts", clientId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Sam, \"the\" sponsor", "role", "SPONSOR", "phone", TestPhones.next(), "channels",
					List.of("SMS")))
			.retrieve().body(Map.class).get("id");
		disclosure(clientId, contactId, "SENT", "consent-1", "2026-11-30T10:15:30Z");
		disclosure(clientId, contactId, "SUPPRESSED", null, "2026-11-30T10:16:00Z");

		var csv = admin.get().uri("/api/clients/{id}/disclosures.csv", clientId).retrieve().toEntity(String.class);

		assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
		assertThat(csv.getBody().split("\r\n")).containsExactly(
				"disclosed_at,recipient_id,recipient_name,recipient_role,channel,alert_type,escalation_level,consent_id,status",
				"2026-11-30T10:15:30Z," + contactId + ",\"Sam, \"\"the\"\" sponsor\",SPONSOR,SMS,HIGH_CRAVING,1,consent-1,SENT");
		assertThat(lines("/api/audit?clientId=" + clientId)).extracting(line -> line.get("action"))
			.contains("VIEWED_DISCLOSURES_EXPORTED");
	}

	@Test
	void aResolvedAlertsJudgementIsCountedOnTheBoardPerRuleAndType() {
		String clientId = StaffApi.enrol(admin, "Bea", TestPhones.next());
		UUID helpful = alert(clientId, "rule evening-cravings");
		UUID falseAlarm = alert(clientId, "rule evening-cravings");
		String rule = "evening-cravings";

		var wrong = admin.post().uri("/api/alerts/{id}/acknowledge", helpful).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("outcome", "HELPFUL")).retrieve().toEntity(String.class);
		assertThat(wrong.getStatusCode()).as("a judgement comes with resolving").isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(wrong.getBody()).contains("\"field\":\"outcome\"");
		resolve(helpful, "HELPFUL");
		resolve(falseAlarm, "FALSE_ALARM");

		List<Map<String, Object>> board = admin.get().uri("/api/alerts/board").retrieve().body(List.class);
		assertThat(board).filteredOn(line -> rule.equals(line.get("rule"))).singleElement().satisfies(line -> {
			assertThat(line).containsEntry("type", "HIGH_CRAVING").containsEntry("raised", 2).containsEntry("judged", 2)
				.containsEntry("helpful", 1).containsEntry("falseAlarm", 1).containsEntry("usefulPercent", 50);
		});
		String page = ConsoleBrowser.signedIn(port, "admin", StaffApi.ADMIN_PASSWORD).get("/board").body();
		assertThat(page).contains(rule).contains("50%");
	}

	private void resolve(UUID alert, String outcome) {
		assertThat(admin.post().uri("/api/alerts/{id}/resolve", alert).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("outcome", outcome, "note", "spoke to them")).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> lines(String path) {
		return admin.get().uri(path).retrieve().body(List.class);
	}

	private UUID alert(String clientId, String reason) {
		UUID id = UUID.randomUUID();
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.sql("""
				insert into alert (id, client_id, type, severity, state, level, reason, raised_at, updated_at,
				  last_event_id, rule)
				values (?, ?::uuid, 'HIGH_CRAVING', 'HIGH', 'RAISED', 1, ?, ?, ?, ?, ?)""")
			.params(id, clientId, reason, now, now, UUID.randomUUID(), reason.substring("rule ".length()))
			.update();
		return id;
	}

	private void disclosure(String clientId, String contactId, String status, String consent, String at) {
		jdbc.sql("""
				insert into disclosure (event_id, delivery_id, client_id, alert_id, alert_type, level, recipient,
				  recipient_role, channel, consent_id, status, at)
				values (?, ?, ?::uuid, ?, 'HIGH_CRAVING', 1, ?, 'SPONSOR', 'SMS', ?, ?, ?)""")
			.params(UUID.randomUUID(), UUID.randomUUID(), clientId, UUID.randomUUID(), contactId, consent, status,
					Timestamp.from(Instant.parse(at)))
			.update();
	}
}
