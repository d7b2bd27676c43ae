package app.lantern.checkin.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.events.ClientProfile;
import app.lantern.events.EventJson;
import app.lantern.events.OnCallRota;
import app.lantern.events.Topics;
import app.lantern.testsupport.TopicRecords;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * What the notifier needs to tell the client's own worker first: the client's profile names their workers as soon
 * as they are assigned, and the rota carries a worker's leave (in their programme's days) and who covers it.
 */
@CheckinServiceTest
class WorkersToldFirstTest {

	@LocalServerPort
	int port;

	@Test
	void theProfileNamesTheWorkersAndTheRotaCarriesTheirLeaveAndCover() {
		RestClient admin = StaffApi.admin(port);
		String programme = StaffApi.newProgramme(port, "Told first");
		String primary = StaffApi.newStaff(port, List.of(programme));
		String second = StaffApi.newStaff(port, List.of(programme));
		for (String worker : List.of(primary, second)) {
			admin.put().uri("/api/staff/{u}/contact", worker).contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("phone", TestPhones.next())).retrieve().toBodilessEntity();
		}
		Map<String, Object> enrolment = new HashMap<>(StaffApi.enrolment("Ellis", TestPhones.next()));
		enrolment.put("programme", programme);
		String clientId = (String) admin.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(enrolment).retrieve().body(Map.class).get("id");

		admin.put().uri("/api/clients/{id}/workers", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("primary", primary, "second", second)).retrieve().toBodilessEntity();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(latest(Topics.CLIENT_PROFILES, clientId,
				ClientProfile.class).workers()).containsExactly(primary, second));

		LocalDate today = LocalDate.now(ZoneId.of("America/Chicago"));
		admin.post().uri("/api/staff/{u}/leave", primary).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("startsOn", today.toString(), "endsOn", today.plusDays(2).toString(), "coveredBy", second))
			.retrieve().toBodilessEntity();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
				latest(Topics.ON_CALL, OnCallRota.KEY, OnCallRota.class).staffMember(primary).orElseThrow().leaves())
			.containsExactly(new OnCallRota.Leave(today.atStartOfDay(ZoneId.of("America/Chicago")).toInstant(),
					today.plusDays(3).atStartOfDay(ZoneId.of("America/Chicago")).toInstant(), second)));
	}

	private static <T> T latest(String topic, String key, Class<T> type) {
		List<String> values = TopicRecords.all(topic).stream().filter(record -> key.equals(record.key()))
			.map(record -> record.value()).toList();
		return EventJson.read(values.get(values.size() - 1), type);
	}
}
