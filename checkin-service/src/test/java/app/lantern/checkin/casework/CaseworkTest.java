package app.lantern.checkin.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.EventJson;
import app.lantern.events.Severity;
import app.lantern.events.Topics;
import app.lantern.testsupport.ConsoleBrowser;
import app.lantern.testsupport.TopicRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * A case manager's day: "my clients" (their own, and a colleague's while on leave), case notes, follow-ups by hand
 * and by the programme's policy when an alert closes, and the caseload's flags of who needs attention.
 */
@CheckinServiceTest
class CaseworkTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FollowUps followUps;

	@Test
	void myClientsAreMineAndALeavingColleaguesForTheDatesOfTheLeave() {
		String programme = StaffApi.newProgramme(port, "Northside");
		String me = StaffApi.newStaff(port, List.of(programme));
		String colleague = StaffApi.newStaff(port, List.of(programme));
		String other = StaffApi.newStaff(port, List.of(programme));
		RestClient admin = StaffApi.admin(port);
		String mine = enrol(admin, programme, "Avery Mine", me);
		enrol(admin, programme, "Blake Mine", me);
		String theirs = enrol(admin, programme, "Casey Covered", colleague);
		enrol(admin, programme, "Drew Elsewhere", other);

		ConsoleBrowser console = ConsoleBrowser.signedIn(port, me, StaffApi.STAFF_PASSWORD);
		assertThat(console.get("/").body()).contains("my clients", "Avery Mine", "Blake Mine")
			.doesNotContain("Casey Covered", "Drew Elsewhere");
		assertThat(console.get("/?all=1").body()).contains("Avery Mine", "Casey Covered", "Drew Elsewhere");

		LocalDate today = LocalDate.now(java.time.ZoneId.of("America/Chicago"));
		var away = admin.post().uri("/api/staff/{u}/leave", colleague).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("startsOn", today.minusDays(1).toString(), "endsOn", today.plusDays(6).toString(), "coveredBy", me))
			.retrieve().toEntity(Map.class);
		assertThat(away.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(console.get("/").body()).contains("Avery Mine", "Blake Mine", "Casey Covered")
			.doesNotContain("Drew Elsewhere");
		var wrong = admin.post().uri("/api/staff/{u}/leave", colleague).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("startsOn", today.toString(), "endsOn", today.minusDays(2).toString(), "coveredBy", colleague))
			.retrieve().toEntity(String.class);
		assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(wrong.getBody()).contains("\"field\":\"endsOn\"", "\"field\":\"coveredBy\"");
		var outsider = admin.put().uri("/api/clients/{id}/workers", mine).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("primary", StaffApi.newStaff(port, List.of("default")))).retrieve().toEntity(String.class);
		assertThat(outsider.getStatusCode()).as("a worker from another programme").isEqualTo(HttpStatus.BAD_REQUEST);

		admin.delete().uri("/api/staff/{u}/leave/{id}", colleague, away.getBody().get("id")).retrieve().toBodilessEntity();
		assertThat(console.get("/").body()).doesNotContain("Casey Covered");
		assertThat(theirs).isNotNull();
	}

	@Test
	void aCaseNoteAndAFollowUpAreKeptAuditedAndErasedWithTheClient() {
		String me = StaffApi.newStaff(port, List.of("default"));
		RestClient api = StaffApi.as(port, me, StaffApi.STAFF_PASSWORD);
		String client = enrol(StaffApi.admin(port), "default", "Emery", me);

		var note = api.post().uri("/api/clients/{id}/notes", client).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("kind", "call", "outcome", "REACHED", "text", "Talked about the weekend plan"))
			.retrieve().toEntity(Map.class);
		assertThat(note.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		var bad = api.post().uri("/api/clients/{id}/notes", client).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("kind", "telepathy", "at", Instant.now().plusSeconds(3600).toString())).retrieve()
			.toEntity(String.class);
		assertThat(bad.getBody()).contains("\"field\":\"kind\"", "\"field\":\"outcome\"", "\"field\":\"at\"");
		var task = api.post().uri("/api/clients/{id}/follow-ups", client).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("title", "Call back tomorrow", "dueAt", Instant.now().plusSeconds(86_400).toString()))
			.retrieve().toEntity(Map.class);
		assertThat(task.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(api.get().uri("/api/follow-ups").retrieve().body(String.class)).as("the programme's, unowned")
			.contains("Call back tomorrow");
		String colleague = StaffApi.newStaff(port, List.of("default"));
		assertThat(api.put().uri("/api/follow-ups/{id}/owner", task.getBody().get("id"))
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("owner", colleague)).retrieve().body(Map.class))
			.containsEntry("owner", colleague);
		assertThat(api.post().uri("/api/follow-ups/{id}/done", task.getBody().get("id")).retrieve().body(Map.class))
			.containsEntry("state", "DONE");
		assertThat(StaffApi.as(port, colleague, StaffApi.STAFF_PASSWORD).get().uri("/api/follow-ups").retrieve()
			.body(String.class)).doesNotContain("Call back tomorrow");
		assertThat(ConsoleBrowser.signedIn(port, me, StaffApi.STAFF_PASSWORD).get("/clients/" + client).body())
			.contains("Talked about the weekend plan", "a call, reached them", "Call back tomorrow");
		assertThat(actions(client)).contains("CASE_NOTE_WRITTEN", "FOLLOW_UP_CREATED", "FOLLOW_UP_REASSIGNED",
				"FOLLOW_UP_DONE", "VIEWED_CASE_NOTES");
		assertThat(jdbc.sql("select count(*) from audit_event where detail like '%weekend%'").query(Integer.class)
			.single()).as("no note text in the trail").isZero();

		StaffApi.admin(port).delete().uri("/api/clients/{id}", client).retrieve()
			.toBodilessEntity();
		assertThat(jdbc.sql("select count(*) from case_note where client_id = ?::uuid").param(client).query(Integer.class)
			.single() + jdbc.sql("select count(*) from follow_up where client_id = ?::uuid").param(client)
				.query(Integer.class).single()).as("erased with the client").isZero();
	}

	@Test
	void aMissedCheckInResolvedWithoutReachingTheClientMakesAFollowUpForTheirWorkerOnce() {
		String worker = StaffApi.newStaff(port, List.of("default"));
		String client = enrol(StaffApi.admin(port), "default", "Finley", worker);
		UUID unreached = alert(client, AlertType.MISSED_CHECKIN, AlertState.RAISED, Instant.now().minusSeconds(600));
		alert(client, unreached, AlertType.MISSED_CHECKIN, AlertState.RESOLVED, Instant.now().minusSeconds(600));
		// the same event twice (a redelivery) makes no second task
		alert(client, unreached, AlertType.MISSED_CHECKIN, AlertState.RESOLVED, Instant.now().minusSeconds(600));
		await().atMost(Duration.ofSeconds(20)).until(() -> tasks(client).size() == 1);
		assertThat(tasks(client).get(0)).containsEntry("owner", worker).containsEntry("alert_id", unreached);

		UUID reached = alert(client, AlertType.MISSED_CHECKIN, AlertState.RAISED, Instant.now().minusSeconds(300));
		StaffApi.as(port, worker, StaffApi.STAFF_PASSWORD).post().uri("/api/clients/{id}/notes", client)
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("kind", "CALL", "outcome", "REACHED"))
			.retrieve().toBodilessEntity();
		alert(client, reached, AlertType.MISSED_CHECKIN, AlertState.RESOLVED, Instant.now().minusSeconds(300));
		UUID drifting = alert(client, AlertType.DISENGAGING, AlertState.RAISED, Instant.now());
		await().atMost(Duration.ofSeconds(20)).until(() -> tasks(client).size() == 2);
		assertThat(tasks(client)).extracting(task -> task.get("alert_id")).containsExactlyInAnyOrder(unreached, drifting);
	}

	@Test
	void aProgrammeTurnsAFollowUpPolicyOffAndSetsTheOthersHours() {
		String programme = StaffApi.newProgramme(port, "Own policy");
		RestClient admin = StaffApi.admin(port);
		assertThat(admin.put().uri("/api/programmes/{id}", programme).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Own policy", "timezone", "America/Chicago", "followUpMissedHours", 0,
					"followUpDisengagingHours", 12))
			.retrieve().body(Map.class)).containsEntry("followUpDisengagingHours", 12)
			.containsEntry("followUpMissedHours", null);
		assertThat(admin.put().uri("/api/programmes/{id}", programme).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Own policy", "timezone", "America/Chicago", "followUpMissedHours", 1000))
			.retrieve().toEntity(String.class).getBody()).contains("\"field\":\"followUpMissedHours\"");
		String worker = StaffApi.newStaff(port, List.of(programme));
		String client = enrol(admin, programme, "Ira", worker);

		UUID missed = alert(client, AlertType.MISSED_CHECKIN, AlertState.RAISED, Instant.now().minusSeconds(600));
		alert(client, missed, AlertType.MISSED_CHECKIN, AlertState.RESOLVED, Instant.now().minusSeconds(600));
		Instant raised = Instant.now();
		UUID drifting = alert(client, AlertType.DISENGAGING, AlertState.RAISED, raised);
		// one partition per client: the drift is read after the missed check-in, so its task proves the first was seen
		await().atMost(Duration.ofSeconds(20)).until(() -> !tasks(client).isEmpty());
		assertThat(tasks(client)).singleElement().satisfies(task -> assertThat(task).containsEntry("alert_id", drifting));
		assertThat(jdbc.sql("select due_at from follow_up where alert_id = ?").param(drifting)
			.query(java.sql.Timestamp.class).single().toInstant()).isBetween(raised.plusSeconds(12 * 3600 - 60),
					raised.plusSeconds(12 * 3600 + 60));
	}

	@Test
	void aFollowUpPastItsDueTimeIsAuditedOnceAsOverdue() {
		String client = enrol(StaffApi.admin(port), "default", "Gray", null);
		UUID id = followUps.add(UUID.fromString(client), "Visit", Instant.now().minusSeconds(60), null, "admin").id();
		followUps.noteOverdue();
		followUps.noteOverdue();
		assertThat(followUps.find(id).orElseThrow().overdue()).isTrue();
		assertThat(actions(client)).filteredOn("FOLLOW_UP_OVERDUE"::equals).hasSize(1);
	}

	@Test
	void theCaseloadFlagsWhoCannotBeToldAndWhoWasNotReachedSinceACrisis() {
		String worker = StaffApi.newStaff(port, List.of("default"));
		String client = enrol(StaffApi.admin(port), "default", "Harper Flagged", worker);
		ConsoleBrowser console = ConsoleBrowser.signedIn(port, worker, StaffApi.STAFF_PASSWORD);
		assertThat(console.get("/").body()).contains("no one can be told").doesNotContain("not reached since a crisis");

		alert(client, AlertType.CRISIS, AlertState.RAISED, Instant.now());
		await().atMost(Duration.ofSeconds(20)).until(() -> console.get("/").body().contains("not reached since a crisis"));
		StaffApi.as(port, worker, StaffApi.STAFF_PASSWORD).post().uri("/api/clients/{id}/notes", client)
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("kind", "VISIT", "outcome", "REACHED"))
			.retrieve().toBodilessEntity();
		assertThat(console.get("/").body()).doesNotContain("not reached since a crisis");
	}

	private String enrol(RestClient admin, String programme, String name, String worker) {
		Map<String, Object> enrolment = new HashMap<>(StaffApi.enrolment(name, TestPhones.next()));
		enrolment.put("programme", programme);
		String id = (String) admin.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON).body(enrolment)
			.retrieve().body(Map.class).get("id");
		if (worker != null) {
			Map<String, String> workers = new HashMap<>();
			workers.put("primary", worker);
			assertThat(admin.put().uri("/api/clients/{id}/workers", id).contentType(MediaType.APPLICATION_JSON)
				.body(workers).retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
		}
		return id;
	}

	private static UUID alert(String client, AlertType type, AlertState state, Instant raisedAt) {
		return alert(client, UUID.randomUUID(), type, state, raisedAt);
	}

	/** As alert-service would say it, on the alerts topic. */
	private static UUID alert(String client, UUID alertId, AlertType type, AlertState state, Instant raisedAt) {
		TopicRecords.publish(Topics.ALERTS, client, EventJson.writeString(AlertEvent.of(alertId, client, type,
				Severity.MEDIUM, 1, state, "rule", raisedAt, null, Instant.now())));
		return alertId;
	}

	private List<Map<String, Object>> tasks(String client) {
		return jdbc.sql("select owner, alert_id from follow_up where client_id = ?::uuid").param(client).query()
			.listOfRows();
	}

	private List<String> actions(String client) {
		return jdbc.sql("select action from audit_event where client_id = ?::uuid").param(client).query(String.class)
			.list();
	}
}
