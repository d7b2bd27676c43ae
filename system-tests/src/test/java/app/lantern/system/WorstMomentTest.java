package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.local.ScratchDirectories;
import app.lantern.testsupport.Enrolments;
import app.lantern.testsupport.Faults;
import app.lantern.testsupport.RestartablePostgres;
import app.lantern.testsupport.SharedInfrastructure;
import app.lantern.testsupport.SignedSms;
import app.lantern.testsupport.TopicRecords;
import app.lantern.testsupport.TwilioDouble;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The worst moment, with the real processes: checkin-service's database stops while a client texts words of
 * crisis — the reply carries 988 at once, and once the database is back the CRISIS alert is raised and the
 * sponsor is told, once; and a programme's rules file holds a rule that throws at run time — alerts go on for
 * every client, and the failure is counted.
 */
@Order(Integer.MAX_VALUE - 1)
@Faults
class WorstMomentTest {

	private static final String PASSWORD = "worst-moment-admin";

	private static final String TOKEN = "worst-moment-twilio-token";

	@Test
	void aCrisisWhileTheDatabaseIsDownAndARuleThatThrowsLeaveNoOneUntold() throws Exception {
		Path work = ScratchDirectories.create("worst-moment");
		Path rules = work.resolve("rules.yml");
		// the programme's file: a rule that divides by zero on a craving of 7, beside the usual ones
		try (var in = WorstMomentTest.class.getResourceAsStream("/hostile-rules.yml")) {
			Files.write(rules, in.readAllBytes());
		}
		String kafka = SharedInfrastructure.kafkaBootstrapServers();
		WireMockServer twilio = TwilioDouble.accepting();
		try (RestartablePostgres database = RestartablePostgres.started();
				ServiceProcess alerts = ServiceProcess.alertService(kafka, "worst-moment-" + UUID.randomUUID(),
						work.resolve("streams"), work.resolve("alert.log"), "--lantern.alerts.rules=file:" + rules);
				ServiceProcess notifier = ServiceProcess.notifierService(kafka,
						SharedInfrastructure.databaseUrl("worst_moment_notifier"), "http://localhost:" + twilio.port(),
						work.resolve("notifier.log"));
				ServiceProcess checkin = ServiceProcess.checkinService(kafka, database.jdbcUrl(), PASSWORD, TOKEN,
						work.resolve("spool"), work.resolve("checkin.log"))) {
			checkin.awaitReady(Duration.ofMinutes(3));
			alerts.awaitReady(Duration.ofMinutes(3));
			notifier.awaitReady(Duration.ofMinutes(3));
			RestClient api = RestClient.builder().baseUrl("http://localhost:" + checkin.port())
				.defaultHeaders(headers -> headers.setBasicAuth("admin", PASSWORD))
				.build();
			String clientPhone = "+12025550191";
			String sponsorPhone = "+12025550192";
			String clientId = Enrolments.withSponsor(api, Enrolments.client("Quinn", clientPhone), sponsorPhone, "CRISIS",
					"REPORTED_USE").clientId();
			String otherId = Enrolments.withSponsor(api, Enrolments.client("Rowan", "+12025550193"), "+12025550194",
					"CRISIS", "REPORTED_USE").clientId();

			// a rule that divides by zero on a craving of 7: the other rules still judge the check-in
			api.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("clientId", otherId, "craving", 7, "used", true)).retrieve().toBodilessEntity();

			// the database stops while the client texts words of crisis
			database.stop();
			long asked = System.nanoTime();
			String reply;
			try {
				reply = SignedSms.send("http://localhost:" + checkin.port(), TOKEN, clientPhone, "I am going to overdose tonight");
			}
			finally {
				database.start();
			}
			assertThat(reply).contains("988").contains("911");
			assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("answered while Twilio waits (15 s)")
				.isLessThan(Duration.ofSeconds(10));

			await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
				assertThat(told(twilio, sponsorPhone)).as("the crisis reaches the sponsor once the database is back")
					.singleElement().asString().contains("Quinn");
				assertThat(told(twilio, "+12025550194")).as("reported use is told despite the rule that throws")
					.singleElement().asString().contains("Rowan");
			});
			String metrics = RestClient.create("http://localhost:" + alerts.port()).get().uri("/actuator/prometheus")
				.retrieve().body(String.class);
			assertThat(metrics).as("the failure is counted").containsPattern("lantern_rule_failures_total\\{[^}]*rule=\"craving-ratio\"[^}]*\\} [1-9]");
			// and each went once: nothing more is sent
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
				told(twilio, sponsorPhone).size() == 1 && told(twilio, "+12025550194").size() == 1);
			// raised once (the sponsor's SMS above shows it was told once)
			assertThat(TopicRecords.all(Topics.ALERTS).stream()
				.filter(record -> clientId.equals(record.key()))
				.map(record -> EventJson.read(record.value(), AlertEvent.class))
				.filter(alert -> alert.type() == AlertType.CRISIS && alert.state() == AlertState.RAISED))
				.as("the CRISIS alert, raised once").hasSize(1);
		}
		finally {
			twilio.stop();
		}
	}

	/** The alerts texted to {@code phone} (not the invitation). */
	private static List<String> told(WireMockServer twilio, String phone) {
		return TwilioDouble.textsTo(twilio, phone).stream()
			.filter(body -> !body.contains("added you as a support contact"))
			.toList();
	}
}
