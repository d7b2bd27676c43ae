package app.lantern.checkin.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.HeldTime;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * A check-in page left open for more than 30 days: its post is not taken (the client is asked to send it again, on a
 * fresh page that is shown at once), nothing is stored — and "I need help now" from the same old page still works.
 * The clock is moved, not waited for.
 */
@CheckinServiceTest
@Import(HeldTime.class)
class StalePageTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void aPagePostedMoreThanThirtyDaysAfterItWasDrawnIsAskedForAgainAndStoresNothing() {
		Map<?, ?> client = StaffApi.admin(port).post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(StaffApi.enrolment("Jordan", TestPhones.next())).retrieve().body(Map.class);
		String url = (String) client.get("checkinUrl");
		String token = url.substring(url.lastIndexOf('/') + 1);
		RestClient browser = StaffApi.anonymous(port);
		ResponseEntity<String> page = browser.get().uri("/c/{t}", token).retrieve().toEntity(String.class);

		clock.advance(Duration.ofDays(31));
		try {
			ResponseEntity<String> stale = post(browser, token, page, "craving", "6");
			assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
			assertThat(stale.getBody()).contains("This page was open a long time. Please send your check-in again.")
				.contains("name=\"proof\"");
			assertThat(checkIns(client)).as("nothing stored").isZero();

			ResponseEntity<String> help = post(browser, token, page, "crisis", "true");
			assertThat(help.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(help.getBody()).contains("988");
			assertThat(checkIns(client)).as("the crisis, recorded").isEqualTo(1);
		}
		finally {
			clock.advance(Duration.ofDays(-31));
		}
	}

	private int checkIns(Map<?, ?> client) {
		return jdbc.sql("select count(*) from check_in where client_id = ?::uuid").param(client.get("id"))
			.query(Integer.class).single();
	}

	private static ResponseEntity<String> post(RestClient browser, String token, ResponseEntity<String> page,
			String field, String value) {
		return CheckInPages.submit(browser, token, page, Map.of(field, value), field);
	}
}
