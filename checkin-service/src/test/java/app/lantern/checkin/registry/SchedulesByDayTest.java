package app.lantern.checkin.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.events.ClientProfile;
import app.lantern.events.DuePlan;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.testsupport.ConsoleBrowser;
import app.lantern.testsupport.TopicRecords;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** Due times that differ by weekday and step down, through the API and the console, to the rules engine's profile. */
@CheckinServiceTest
class SchedulesByDayTest {

	@LocalServerPort
	int port;

	@Test
	@SuppressWarnings("unchecked")
	void aScheduleByWeekdayAndSteppingDownIsKeptSaidInWordsAndCarriedToTheRulesEngine() {
		RestClient api = StaffApi.admin(port);
		String clientId = StaffApi.enrol(api, "Rowan", TestPhones.next());

		var saved = api.put().uri("/api/clients/{id}/schedule", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("dueTimes", List.of("09:00"), "graceMinutes", 60, "plan", Map.of(
					"weekdays", Map.of("SAT", List.of("11:00"), "sunday", List.of()),
					"stepsFrom", "2026-10-03",
					"steps", List.of(Map.of("days", 30, "dueTimes", List.of("09:00", "21:00")),
							Map.of("days", 14, "dueTimes", List.of("09:00")),
							Map.of("dueTimes", List.of("09:00"), "on", List.of("MON", "WED", "FRI"))))))
			.retrieve().toBodilessEntity();
		assertThat(saved.getStatusCode().is2xxSuccessful()).isTrue();

		Map<String, Object> schedule = (Map<String, Object>) api.get().uri("/api/clients/{id}", clientId).retrieve()
			.body(Map.class).get("schedule");
		assertThat(schedule.get("inWords")).isEqualTo("From 3 October 2026: every day at 09:00 and 21:00 until "
				+ "1 November, then every day at 09:00 until 15 November, then Monday, Wednesday and Friday at 09:00");
		DuePlan expected = new DuePlan(
				Map.of(DayOfWeek.SATURDAY, List.of(LocalTime.of(11, 0)), DayOfWeek.SUNDAY, List.of()),
				LocalDate.of(2026, 10, 3),
				List.of(new DuePlan.Step(30, List.of(LocalTime.of(9, 0), LocalTime.of(21, 0)), null),
						new DuePlan.Step(14, List.of(LocalTime.of(9, 0)), null),
						new DuePlan.Step(0, List.of(LocalTime.of(9, 0)),
								java.util.Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY))));
		assertThat(EventJson.mapper().convertValue(schedule.get("plan"), DuePlan.class)).isEqualTo(expected);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TopicRecords.all(Topics.CLIENT_PROFILES)
			.stream().filter(record -> clientId.equals(record.key()))
			.map(record -> EventJson.read(record.value(), ClientProfile.class))
			.filter(profile -> profile.version() == 2).findFirst().orElseThrow().schedule().plan())
			.isEqualTo(expected));
	}

	@Test
	void aWrongPlanIsNamedFieldByFieldAndNothingChanges() {
		RestClient api = StaffApi.admin(port);
		String clientId = StaffApi.enrol(api, "Sasha", TestPhones.next());
		Map<String, List<String>> noDay = new java.util.HashMap<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			noDay.put(day.name(), List.of());
		}

		ResponseEntity<Map> wrong = api.put().uri("/api/clients/{id}/schedule", clientId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("dueTimes", List.of("09:00"), "plan", Map.of("weekdays", Map.of("FUNDAY", List.of("10:00")),
					"steps", List.of(Map.of("days", 0, "dueTimes", List.of("09:00")),
							Map.of("days", 10, "dueTimes", List.of("25:00"))))))
			.retrieve().toEntity(Map.class);
		ResponseEntity<Map> empty = api.put().uri("/api/clients/{id}/schedule", clientId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("dueTimes", List.of("09:00"), "plan", Map.of("weekdays", noDay)))
			.retrieve().toEntity(Map.class);

		assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(fields(wrong)).containsExactlyInAnyOrder("plan.weekdays.FUNDAY", "plan.steps[0].days",
				"plan.steps[1].dueTimes[0]");
		assertThat(fields(empty)).containsExactly("plan.weekdays");
		assertThat(api.get().uri("/api/clients/{id}", clientId).retrieve().body(Map.class).get("schedule").toString())
			.contains("plan=null").contains("09:00").contains("21:00");
	}

	@Test
	void theConsoleSetsDaysOfTheirOwnAndShowsTheScheduleInWords() {
		String clientId = StaffApi.enrol(StaffApi.admin(port), "Morgan", TestPhones.next());
		ConsoleBrowser console = ConsoleBrowser.signedIn(port, "admin", StaffApi.ADMIN_PASSWORD);

		var posted = console.postFrom("/clients/" + clientId, "/clients/" + clientId + "/schedule",
				"dueTimes=09:00&graceMinutes=60&reminderMinutesBefore=30&day.SATURDAY=11:00&day.SUNDAY=none&steps=&stepsFrom=");
		assertThat(posted.statusCode()).isEqualTo(302);

		String page = console.get("/clients/" + clientId).body();
		assertThat(page).contains("Monday to Friday at 09:00, Saturday at 11:00, none on Sunday (New York time)");
		assertThat(page).containsPattern("name=\"day.SUNDAY\" value=\"none\"");

		console.postFrom("/clients/" + clientId, "/clients/" + clientId + "/schedule",
				"dueTimes=09:00&graceMinutes=60&steps=" + ConsoleBrowser.encode("30 days: 09:00, 21:00\nfor ever: 09:00 on Mon, Thu")
						+ "&stepsFrom=2027-01-04");
		assertThat(console.get("/clients/" + clientId).body())
			.contains("From 4 January 2027: every day at 09:00 and 21:00 until 2 February, then Monday and Thursday at 09:00");

		console.postFrom("/clients/" + clientId, "/clients/" + clientId + "/schedule",
				"dueTimes=09:00&graceMinutes=60&steps=" + ConsoleBrowser.encode("a month: 09:00"));
		assertThat(console.get("/clients/" + clientId).body()).contains("write a step as")
			.contains("From 4 January 2027");
	}

	@SuppressWarnings("unchecked")
	private static List<String> fields(ResponseEntity<Map> answer) {
		return ((List<Map<String, String>>) answer.getBody().get("errors")).stream().map(error -> error.get("field"))
			.toList();
	}
}
