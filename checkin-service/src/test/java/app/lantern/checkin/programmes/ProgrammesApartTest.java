package app.lantern.checkin.programmes;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
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
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * Two programmes on one install: each one's staff see and change only their own clients, alerts and disclosures;
 * another programme's client is 404 on every path (never 403), and ADMIN sees both.
 */
@CheckinServiceTest
class ProgrammesApartTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	String eastside;

	RestClient east;

	RestClient west;

	ConsoleBrowser westInTheConsole;

	@BeforeEach
	void twoProgrammes() {
		eastside = StaffApi.newProgramme(port, "Eastside Recovery");
		east = StaffApi.as(port, StaffApi.newStaff(port, List.of(eastside)), StaffApi.STAFF_PASSWORD);
		String westName = StaffApi.newStaff(port, List.of(Programmes.DEFAULT));
		west = StaffApi.as(port, westName, StaffApi.STAFF_PASSWORD);
		westInTheConsole = ConsoleBrowser.signedIn(port, westName, StaffApi.STAFF_PASSWORD);
	}

	@Test
	void anotherProgrammesClientIsNotFoundOnEveryPathAndChangesNothing() {
		String theirs = StaffApi.enrol(east, "Ezra", TestPhones.next());
		UUID alert = alertFor(theirs);
		disclosureFor(theirs);
		long version = version(theirs);

		Map<String, HttpStatusCode> answers = new HashMap<>();
		answers.put("GET client", west.get().uri("/api/clients/{id}", theirs).retrieve().toBodilessEntity().getStatusCode());
		answers.put("PATCH client", status(west.patch().uri("/api/clients/{id}", theirs), Map.of("cravingThreshold", 3)));
		answers.put("PUT schedule", status(west.put().uri("/api/clients/{id}/schedule", theirs),
				Map.of("dueTimes", List.of("10:00"))));
		answers.put("POST status", status(west.post().uri("/api/clients/{id}/status", theirs), Map.of("status", "PAUSED")));
		answers.put("POST contact", status(west.post().uri("/api/clients/{id}/contacts", theirs),
				Map.of("name", "Mo", "role", "PEER", "phone", TestPhones.next(), "channels", List.of("SMS"))));
		answers.put("GET check-ins", west.get().uri("/api/clients/{id}/checkins", theirs).retrieve().toBodilessEntity()
			.getStatusCode());
		answers.put("POST check-in", status(west.post().uri("/api/checkins"), Map.of("clientId", theirs, "craving", 2)));
		answers.put("rotate link", west.post().uri("/api/clients/{id}/link/rotate", theirs).retrieve().toBodilessEntity()
			.getStatusCode());
		answers.put("show link", west.post().uri("/api/clients/{id}/link/show", theirs).retrieve().toBodilessEntity()
			.getStatusCode());
		answers.put("disclosures CSV", west.get().uri("/api/clients/{id}/disclosures.csv", theirs).retrieve()
			.toBodilessEntity().getStatusCode());
		answers.put("alerts of the client", west.get().uri("/api/alerts?clientId={id}", theirs).retrieve()
			.toBodilessEntity().getStatusCode());
		answers.put("acknowledge", west.post().uri("/api/alerts/{id}/acknowledge", alert).retrieve().toBodilessEntity()
			.getStatusCode());
		answers.put("console page", HttpStatusCode.valueOf(westInTheConsole.get("/clients/" + theirs).statusCode()));
		answers.put("console form", HttpStatusCode.valueOf(westInTheConsole.postFrom("/", "/clients/" + theirs + "/details",
				"cravingThreshold=2").statusCode()));

		assertThat(answers).allSatisfy((path, status) -> assertThat(status).as(path).isEqualTo(HttpStatus.NOT_FOUND));
		assertThat(version(theirs)).as("nothing changed").isEqualTo(version);
		assertThat(jdbc.sql("select count(*) from check_in where client_id = ?::uuid").param(theirs).query(Integer.class)
			.single()).isZero();
	}

	/**
	 * A phone number takes one client across Lantern; staff of another programme who try it learn nothing about
	 * whose it is — not even that it is enrolled — and the collision is in the audit trail for an ADMIN.
	 */
	@Test
	void aNumberEnrolledInAnotherProgrammeIsRefusedWithoutSayingSo() {
		String phone = TestPhones.next();
		String theirs = StaffApi.enrol(west, "Wren", phone);

		var refused = east.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(StaffApi.enrolment("Other", phone)).retrieve().toEntity(String.class);
		var told = west.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(StaffApi.enrolment("Again", phone)).retrieve().toEntity(String.class);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(refused.getBody()).contains("cannot be used").doesNotContain("enrolled");
		assertThat(told.getBody()).as("staff who can see the client are told").contains("already enrolled");
		assertThat(StaffApi.admin(port).get().uri("/api/audit?clientId={id}", theirs).retrieve().body(String.class))
			.contains("PHONE_COLLISION");
	}

	/** Staff phone numbers and e-mail addresses on the On call page are for ADMINs only. */
	@Test
	void theOnCallPageShowsStaffAddressesToAdminsOnly() {
		StaffApi.admin(port).put().uri("/api/staff/{u}/contact", "admin").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("phone", "+12025550177")).retrieve().toBodilessEntity();

		assertThat(westInTheConsole.get("/on-call").body()).doesNotContain("2025550177", "How staff are reached");
		assertThat(ConsoleBrowser.signedIn(port, "admin", StaffApi.ADMIN_PASSWORD).get("/on-call").body())
			.contains("+12025550177");
	}

	@Test
	void listsShowOnlyTheStaffUsersProgrammesAndAdminSeesBoth() {
		String theirs = StaffApi.enrol(east, "Ines", TestPhones.next());
		String ours = StaffApi.enrol(west, "Wren", TestPhones.next());
		alertFor(theirs);
		alertFor(ours);
		disclosureFor(theirs);
		disclosureFor(ours);

		assertThat(ids(west, "/api/clients")).contains(ours).doesNotContain(theirs);
		assertThat(ids(east, "/api/clients")).contains(theirs).doesNotContain(ours);
		assertThat(clientIds(west, "/api/alerts")).contains(ours).doesNotContain(theirs);
		assertThat(clientIds(west, "/api/disclosures")).contains(ours).doesNotContain(theirs);
		assertThat(westInTheConsole.get("/?q=Ines").body()).doesNotContain("/clients/" + theirs);
		assertThat(westInTheConsole.get("/").body()).contains("/clients/" + ours).doesNotContain("/clients/" + theirs);
		assertThat(westInTheConsole.get("/alerts").body()).contains("Wren").doesNotContain("Ines");
		RestClient admin = StaffApi.admin(port);
		assertThat(ids(admin, "/api/clients")).contains(ours, theirs);
		assertThat(clientIds(admin, "/api/alerts")).contains(ours, theirs);
	}

	@Test
	void aClientJoinsTheProgrammeAskedForOrTheStaffUsersOwn() {
		var enrolled = east.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(StaffApi.enrolment("Ola", TestPhones.next())).retrieve().toEntity(Map.class);
		assertThat(enrolled.getBody()).as("no programme asked for: the staff user's only one").containsEntry("programme",
				eastside);

		Map<String, Object> intoAnother = new HashMap<>(StaffApi.enrolment("Pim", TestPhones.next()));
		intoAnother.put("programme", Programmes.DEFAULT);
		var refused = east.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON).body(intoAnother)
			.retrieve().toEntity(Map.class);
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getBody().toString()).contains("field=programme");

		var byAdmin = StaffApi.admin(port).post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(StaffApi.enrolment("Quin", TestPhones.next())).retrieve().toEntity(Map.class);
		assertThat(byAdmin.getBody()).as("today's callers: the default programme").containsEntry("programme",
				Programmes.DEFAULT);
	}

	private HttpStatusCode status(RestClient.RequestBodySpec request, Object body) {
		return request.contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity()
			.getStatusCode();
	}

	@SuppressWarnings("unchecked")
	private static List<String> ids(RestClient api, String path) {
		return ((List<Map<String, Object>>) api.get().uri(path).retrieve().body(List.class)).stream()
			.map(row -> (String) row.get("id")).toList();
	}

	@SuppressWarnings("unchecked")
	private static List<String> clientIds(RestClient api, String path) {
		return ((List<Map<String, Object>>) api.get().uri(path).retrieve().body(List.class)).stream()
			.map(row -> (String) row.get("clientId")).toList();
	}

	private long version(String clientId) {
		return jdbc.sql("select profile_version from client where id = ?::uuid").param(clientId).query(Long.class).single();
	}

	/** An open alert in the read model, as the alert service would have described it. */
	private UUID alertFor(String clientId) {
		UUID id = UUID.randomUUID();
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.sql("""
				insert into alert (id, client_id, type, severity, state, level, reason, raised_at, updated_at, last_event_id)
				values (?, ?::uuid, 'HIGH_CRAVING', 'HIGH', 'RAISED', 1, 'rule high-craving', ?, ?, ?)""")
			.params(id, clientId, now, now, UUID.randomUUID())
			.update();
		return id;
	}

	private void disclosureFor(String clientId) {
		jdbc.sql("""
				insert into disclosure (event_id, delivery_id, client_id, recipient, channel, status, at)
				values (?, ?, ?::uuid, 'someone', 'SMS', 'SENT', now())""")
			.params(UUID.randomUUID(), UUID.randomUUID(), clientId)
			.update();
	}
}
