package app.lantern.checkin.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.ClientPages;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/** The client's progress page: their calendar and streak, counting they can turn off, days they choose to mark. */
@CheckinServiceTest
class ProgressPageTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theClientSeesTheirWeeksAndChoosesWhetherToCount() {
		RestClient api = StaffApi.admin(port);
		String clientId = StaffApi.enrol(api, "Sky", TestPhones.next());
		String token = ClientPages.token(api, clientId);

		String page = StaffApi.anonymous(port).get().uri("/c/{t}/progress", token).retrieve().body(String.class);
		assertThat(page).contains("My progress", "The last four weeks", "Days in a row with every check-in: 0",
				"<th scope=\"col\">Mon</th>").containsPattern("class=\"day (open|kept|free|missed)\"");

		var body = new LinkedMultiValueMap<String, String>();
		body.add("proof", ClientPages.proof(page));
		body.add("milestones", "30");
		body.add("milestones", "90");
		body.add("milestones", "1000");
		var saved = StaffApi.anonymous(port).post().uri("/c/{t}/progress", token)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(body).retrieve().toEntity(String.class);

		assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(saved.getBody()).contains("Saved.").doesNotContain("Days in a row with every check-in");
		assertThat(jdbc.sql("select progress_counting || ':' || array_to_string(milestones, ',') from client where id = ?::uuid")
			.param(clientId).query(String.class).single()).as("only the days offered are kept").isEqualTo("false:30,90");
	}

	@Test
	void theWeeksAreInTheClientsLanguage() {
		RestClient api = StaffApi.admin(port);
		Map<String, Object> enrolment = new HashMap<>(StaffApi.enrolment("Mar", TestPhones.next()));
		enrolment.put("language", "es");
		String clientId = (String) api.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(enrolment).retrieve().body(Map.class).get("id");

		assertThat(StaffApi.anonymous(port).get().uri("/c/{t}/progress", ClientPages.token(api, clientId)).retrieve()
			.body(String.class)).contains("Mi progreso", "Las últimas cuatro semanas", ">lun<");
	}
}
