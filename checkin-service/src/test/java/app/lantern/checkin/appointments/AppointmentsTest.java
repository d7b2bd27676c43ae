package app.lantern.checkin.appointments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.ClientPages;
import app.lantern.checkin.HeldTime;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.checkin.sms.TwilioRequests;
import app.lantern.events.AttendanceRecorded;
import app.lantern.events.ClientMessage;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.testsupport.MutableClock;
import app.lantern.testsupport.TopicRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * What a client goes to: a meeting every Tuesday at 19:00, reminded an hour before and asked about after, once each
 * (the clock moved to the hour, the appointments' clock asked to look); the client's N by text is their attendance,
 * in their picture, the programme's report and on the attendance topic — and the title goes nowhere.
 */
@CheckinServiceTest
@Import(HeldTime.class)
class AppointmentsTest {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	AppointmentClock appointmentClock;

	@AfterEach
	void timeComesBack() {
		clock.set(Instant.now());
	}

	@Test
	void aTuesdayMeetingIsRemindedBeforeAskedAfterOnceEachAndTheClientsNCounts() {
		String programme = StaffApi.newProgramme(port, "Riverside");
		RestClient api = StaffApi.admin(port);
		String phone = TestPhones.next();
		String clientId = enrol(api, programme, phone, "en");
		ZonedDateTime tuesday = nextTuesdayAt(LocalTime.NOON);
		clock.set(tuesday.toInstant());

		var wrong = api.post().uri("/api/clients/{id}/appointments", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("kind", "PARTY", "days", List.of("Tue"), "date", "2030-01-01", "time", "25:00"))
			.retrieve().toEntity(String.class);
		assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(wrong.getBody()).contains("\"field\":\"kind\"", "\"field\":\"title\"", "\"field\":\"days\"",
				"\"field\":\"time\"");
		var added = api.post().uri("/api/clients/{id}/appointments", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("kind", "MEETING", "title", "NA at St Mark's", "days", List.of("Tue"), "time", "19:00"))
			.retrieve().toEntity(Map.class);
		assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(added.getBody().get("days")).isEqualTo(List.of("TUESDAY"));
		assertThat(added.getBody().get("remindMinutes")).isEqualTo(60);

		clock.set(tuesday.with(LocalTime.of(17, 59)).toInstant());
		appointmentClock.look();
		clock.set(tuesday.with(LocalTime.of(18, 0)).toInstant());
		appointmentClock.look();
		appointmentClock.look();
		Instant starts = tuesday.with(LocalTime.of(19, 0)).toInstant();
		await().atMost(Duration.ofSeconds(20)).until(() -> messages(clientId).size() == 1);
		ClientMessage reminder = messages(clientId).get(0);
		assertThat(reminder.kind()).isEqualTo(ClientMessage.Kind.APPOINTMENT_REMINDER);
		assertThat(reminder.dueAt()).isEqualTo(starts);
		assertThat(reminder.appointment()).isEqualTo("MEETING");

		TwilioRequests twilio = new TwilioRequests(port);
		assertThat(twilio.sms(phone, "N", TwilioRequests.sid()).getBody()).as("nothing asked yet")
			.contains("There is no appointment question waiting");

		clock.set(tuesday.with(LocalTime.of(20, 0)).toInstant());
		appointmentClock.look();
		appointmentClock.look();
		await().atMost(Duration.ofSeconds(20)).until(() -> messages(clientId).size() == 2);
		assertThat(messages(clientId).get(1).kind()).isEqualTo(ClientMessage.Kind.APPOINTMENT_QUESTION);
		assertThat(TopicRecords.all(Topics.CLIENT_MESSAGES).stream().filter(r -> clientId.equals(r.key())))
			.as("the title goes nowhere").noneMatch(r -> r.value().contains("St Mark"));

		assertThat(twilio.sms(phone, "N", TwilioRequests.sid()).getBody()).contains("Thanks for telling us");
		assertThat(twilio.sms(phone, "N", TwilioRequests.sid()).getBody()).as("answered once")
			.contains("There is no appointment question waiting");
		await().atMost(Duration.ofSeconds(20)).until(() -> attendance(clientId).size() == 1);
		AttendanceRecorded answer = attendance(clientId).get(0);
		assertThat(answer.attended()).isFalse();
		assertThat(answer.startsAt()).isEqualTo(starts);
		assertThat(answer.kind()).isEqualTo("MEETING");

		Map<?, ?> picture = api.get().uri("/api/clients/{id}/appointments", clientId).retrieve().body(Map.class);
		assertThat(picture.get("attendance").toString()).contains("attended=0", "missed=1");
		Map<String, Object> report = api.get().uri("/api/programmes/{p}/reports/{m}", programme,
				YearMonth.from(tuesday.withZoneSameInstant(ZoneId.of("America/Chicago")))).retrieve()
			.body(new ParameterizedTypeReference<Map<String, Object>>() {
			});
		assertThat(report).containsEntry("appointmentsAsked", 1).containsEntry("appointmentsMissed", 1)
			.containsEntry("appointmentsAttended", 0);
		assertThat(api.get().uri("/api/audit?clientId={id}", clientId).retrieve().body(String.class))
			.contains("APPOINTMENT_ADDED", "ATTENDANCE_MISSED").doesNotContain("St Mark");

		api.delete().uri("/api/clients/{id}", clientId).retrieve().toBodilessEntity();
		assertThat(jdbc.sql("select count(*) from appointment where client_id = ?::uuid").param(clientId)
			.query(Integer.class).single()).as("erased with the client").isZero();
	}

	@Test
	void theClientAddsADailyDoseOnTheirPageAnswersItThereInSpanishAndEndsIt() {
		RestClient api = StaffApi.admin(port);
		String clientId = enrol(api, "default", TestPhones.next(), "es");
		String token = ClientPages.token(api, clientId);
		ZonedDateTime monday = nextTuesdayAt(LocalTime.of(7, 0)).minusDays(1);
		clock.set(monday.toInstant());
		String page = StaffApi.anonymous(port).get().uri("/c/{t}/appointments", token).retrieve().body(String.class);
		assertThat(page).contains("Mis citas", "Nada todavía");

		var wrong = post(token, "", Map.of("proof", ClientPages.proof(page), "kind", "MEDICATION", "title", "Metadona",
				"time", "08:00"));
		assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(wrong.getBody()).contains("Revise: days");
		var body = new LinkedMultiValueMap<String, String>();
		body.add("proof", ClientPages.proof(page));
		body.add("kind", "MEDICATION");
		body.add("title", "Metadona");
		body.add("time", "08:00");
		body.add("remindMinutes", "0");
		for (DayOfWeek day : DayOfWeek.values()) {
			body.add("days", day.name());
		}
		var added = post(token, "", body);
		assertThat(added.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(added.getBody()).contains("Añadida", "Medicación", "Metadona", "todos los días a las 8:00");

		clock.set(monday.with(LocalTime.of(9, 0)).toInstant());
		appointmentClock.look();
		String asked = StaffApi.anonymous(port).get().uri("/c/{t}/appointments", token).retrieve().body(String.class);
		assertThat(asked).contains("¿Pudo ir?", "Sí, fui");
		String appointmentId = jdbc.sql("select id::text from appointment where client_id = ?::uuid").param(clientId)
			.query(String.class).single();
		var went = post(token, "/answer", Map.of("proof", ClientPages.proof(asked), "appointmentId", appointmentId,
				"startsAt", monday.with(LocalTime.of(8, 0)).toInstant().toString(), "attended", "true"));
		assertThat(went.getBody()).contains("Bien hecho por ir", "En los últimos 30 días fue a 1 de 1.")
			.doesNotContain("¿Pudo ir?");

		var ended = post(token, "/end", Map.of("proof", ClientPages.proof(went.getBody()), "appointmentId", appointmentId));
		assertThat(ended.getBody()).contains("Quitada", "Nada todavía");
		assertThat(api.get().uri("/api/audit?clientId={id}", clientId).retrieve().body(String.class))
			.contains("APPOINTMENT_ADDED_BY_CLIENT", "ATTENDANCE_ATTENDED", "APPOINTMENT_ENDED_BY_CLIENT");
	}

	private static String enrol(RestClient api, String programme, String phone, String language) {
		Map<String, Object> enrolment = new HashMap<>(StaffApi.enrolment("Sam", phone));
		enrolment.put("programme", programme);
		enrolment.put("language", language);
		return (String) api.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON).body(enrolment)
			.retrieve().body(Map.class).get("id");
	}

	/** The next Tuesday at least a day away, in New York, at {@code time}. */
	private static ZonedDateTime nextTuesdayAt(LocalTime time) {
		LocalDate day = LocalDate.now(NEW_YORK).plusDays(1).with(TemporalAdjusters.next(DayOfWeek.TUESDAY));
		return ZonedDateTime.of(day, time, NEW_YORK);
	}

	private static List<ClientMessage> messages(String clientId) {
		return TopicRecords.all(Topics.CLIENT_MESSAGES).stream().filter(r -> clientId.equals(r.key()))
			.map(r -> EventJson.read(r.value(), ClientMessage.class)).filter(m -> m.kind().ofAppointment()).toList();
	}

	private static List<AttendanceRecorded> attendance(String clientId) {
		return TopicRecords.all(Topics.ATTENDANCE).stream().filter(r -> clientId.equals(r.key()))
			.map(r -> EventJson.read(r.value(), AttendanceRecorded.class)).toList();
	}

	private ResponseEntity<String> post(String token, String path, Map<String, String> form) {
		var body = new LinkedMultiValueMap<String, String>();
		form.forEach(body::add);
		return post(token, path, body);
	}

	private ResponseEntity<String> post(String token, String path, LinkedMultiValueMap<String, String> body) {
		return StaffApi.anonymous(port).post().uri("/c/{t}/appointments" + path, token)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(body).retrieve().toEntity(String.class);
	}
}
