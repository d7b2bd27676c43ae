package app.lantern.checkin.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
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
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryEvent;
import app.lantern.events.DeliveryKind;
import app.lantern.events.DeliveryStatus;
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
 * A programme's month for its director: the alerts by type, the time to acknowledge, the crises and whether someone
 * was told, the casework — for the programme's administrator and ADMINs only, as JSON and CSV.
 */
@CheckinServiceTest
class MonthlyReportTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theDirectorReadsTheMonthsAlertsTimeToAcknowledgeCrisesAndCasework() {
		String programme = StaffApi.newProgramme(port, "Reported");
		RestClient admin = StaffApi.admin(port);
		String director = "director-" + programme;
		admin.post().uri("/api/staff").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", director, "password", StaffApi.STAFF_PASSWORD, "role", "PROGRAMME_ADMIN",
					"programmes", List.of(programme)))
			.retrieve().toBodilessEntity();
		Map<String, Object> enrolment = new HashMap<>(StaffApi.enrolment("Indigo", TestPhones.next()));
		enrolment.put("programme", programme);
		String client = (String) admin.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(enrolment).retrieve().body(Map.class).get("id");

		Instant raised = Instant.now().minusSeconds(300);
		UUID missed = UUID.randomUUID();
		alert(client, missed, AlertType.MISSED_CHECKIN, AlertState.RAISED, raised, raised);
		alert(client, missed, AlertType.MISSED_CHECKIN, AlertState.ACKNOWLEDGED, raised, raised.plusSeconds(240));
		UUID crisis = UUID.randomUUID();
		alert(client, crisis, AlertType.CRISIS, AlertState.RAISED, raised, raised);
		TopicRecords.publish(Topics.DELIVERIES, client, EventJson.writeString(new DeliveryEvent(UUID.randomUUID(),
				raised.plusSeconds(5), 1, UUID.randomUUID(), client, crisis, AlertType.CRISIS, 1, "staff:on-call",
				ContactChannel.SMS, null, DeliveryStatus.SENT, null, null, DeliveryKind.ALERT)));
		StaffApi.admin(port).post().uri("/api/clients/{id}/notes", client).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("kind", "CALL", "outcome", "REACHED")).retrieve().toBodilessEntity();
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from disclosure where alert_id = ?").param(crisis).query(Integer.class).single() == 1
				&& jdbc.sql("select count(*) from alert where id = ? and acknowledged_at is not null").param(missed)
					.query(Integer.class).single() == 1);

		String month = YearMonth.now(ZoneId.of("America/Chicago")).toString();
		RestClient reader = StaffApi.as(port, director, StaffApi.STAFF_PASSWORD);
		Map<?, ?> report = reader.get().uri("/api/programmes/{p}/reports/{m}", programme, month).retrieve()
			.body(Map.class);
		assertThat(report.get("alertsByType")).isEqualTo(Map.of("MISSED_CHECKIN", 1, "CRISIS", 1));
		assertThat(report.get("activeClients")).isEqualTo(1);
		assertThat(report.get("acknowledged")).isEqualTo(1);
		assertThat(((Number) report.get("ackMedianMinutes")).doubleValue()).isEqualTo(4.0);
		assertThat(report.get("crises")).isEqualTo(1);
		assertThat(report.get("crisesSomeoneWasToldOf")).isEqualTo(1);
		assertThat(report.get("caseNotesReached")).isEqualTo(1);
		String csv = reader.get().uri("/api/programmes/{p}/reports/{m}.csv", programme, month).retrieve()
			.body(String.class);
		assertThat(csv.split("\r\n")).contains("measure,value", "alerts_crisis,1", "minutes_to_acknowledge_median,4.0")
			.noneMatch(line -> line.contains("Indigo"));

		String staff = StaffApi.newStaff(port, List.of(programme));
		assertThat(StaffApi.as(port, staff, StaffApi.STAFF_PASSWORD).get()
			.uri("/api/programmes/{p}/reports/{m}", programme, month).retrieve().toBodilessEntity().getStatusCode())
			.as("a director's report, not every worker's").isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(reader.get().uri("/api/programmes/{p}/reports/{m}", "default", month).retrieve()
			.toBodilessEntity().getStatusCode()).as("another programme's").isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void theReportsPageDrawsTheMonthsAlertsAsBarsTheLargestTheLongest() {
		String programme = StaffApi.newProgramme(port, "Charted");
		RestClient admin = StaffApi.admin(port);
		Map<String, Object> enrolment = new HashMap<>(StaffApi.enrolment("Juniper", TestPhones.next()));
		enrolment.put("programme", programme);
		String client = (String) admin.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(enrolment).retrieve().body(Map.class).get("id");
		Instant raised = Instant.now().minusSeconds(60);
		alert(client, UUID.randomUUID(), AlertType.HIGH_CRAVING, AlertState.RAISED, raised, raised);
		alert(client, UUID.randomUUID(), AlertType.HIGH_CRAVING, AlertState.RAISED, raised, raised);
		alert(client, UUID.randomUUID(), AlertType.REPORTED_USE, AlertState.RAISED, raised, raised);
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from alert where client_id = ?::uuid")
			.param(client).query(Integer.class).single() == 3);

		String month = YearMonth.now(ZoneId.of("America/Chicago")).toString();
		String page = ConsoleBrowser.signedIn(port, "admin", StaffApi.ADMIN_PASSWORD)
			.get("/reports?programme=" + programme + "&month=" + month).body();
		String chart = page.substring(page.indexOf("id=\"alerts-chart\""), page.indexOf("</svg>", page.indexOf("id=\"alerts-chart\"")));
		assertThat(chart).contains("width=\"300\"", "width=\"150\"", ">2<", ">1<");
		assertThat(page).as("no client is named").doesNotContain("Juniper");
	}

	private static void alert(String client, UUID id, AlertType type, AlertState state, Instant raisedAt, Instant at) {
		TopicRecords.publish(Topics.ALERTS, client, EventJson.writeString(
				AlertEvent.of(id, client, type, Severity.HIGH, 1, state, "rule", raisedAt, null, at)));
	}
}
