package app.lantern.checkin.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.HeldTime;
import app.lantern.checkin.StaffApi;
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

/**
 * Clients from a spreadsheet, through the real service: a file of 10,000 with one wrong row is refused whole, that
 * row named, nothing stored; put right, all 10,000 are stored, each with a profile, and their welcomes go one a
 * second (the clock moved, the pacer asked to look) — not ten thousand at once.
 */
@CheckinServiceTest
@Import(HeldTime.class)
class ClientImportTest {

	private static final String HEADER = "displayName,phone,timezone,dueTimes,cravingThreshold,copingPlan,programme";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	WelcomePacer welcomes;

	@AfterEach
	void timeComesBackAndTheWelcomesStillWaitingGo() {
		clock.set(Instant.now());
		// 9,997 welcomes an hour and more ahead would go when another test moves this context's clock
		jdbc.sql("delete from welcome_queue").update();
	}

	@Test
	void tenThousandClientsFromAFileOneWrongRowNamedThenAllStoredAndTheirWelcomesPaced() {
		String programme = StaffApi.newProgramme(port, "Moving from a spreadsheet");
		int exchange = 200 + ThreadLocalRandom.current().nextInt(700);
		StringBuilder file = new StringBuilder(HEADER).append('\n');
		for (int i = 0; i < 10_000; i++) {
			String phone = i == 4_999 ? "12" : String.format("+1646%03d%04d", exchange, i);
			file.append("Client ").append(i).append(',').append(phone).append(",America/New_York,09:00 21:00,8,")
				.append("Call Sam | Walk the dog,").append(programme).append('\n');
		}

		ResponseEntity<String> refused = post(file.toString(), false);
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(refused.getBody()).contains("\"field\":\"rows[5001].phone\"").doesNotContain("rows[5002]");
		assertThat(clientsOf(programme)).as("nothing stored").isZero();

		String putRight = file.toString().replace(",12,", String.format(",+1646%03d%04d,", exchange, 4_999));
		Instant imported = clock.instant();
		Map<String, Object> report = StaffApi.admin(port).post().uri("/api/clients/import")
			.contentType(MediaType.parseMediaType("text/csv")).body(putRight).retrieve()
			.body(new ParameterizedTypeReference<Map<String, Object>>() {
			});
		System.out.printf("import of 10,000 clients from a CSV: %s ms%n", report.get("millis"));
		assertThat(report).containsEntry("rows", 10_000).containsEntry("valid", 10_000).containsEntry("stored", 10_000);
		assertThat(clientsOf(programme)).isEqualTo(10_000);
		assertThat(Instant.parse((String) report.get("welcomesUntil")))
			.as("one a second").isEqualTo(imported.plusSeconds(9_999));

		assertThat(welcomes.sendDue()).as("the first, at once").isEqualTo(1);
		clock.advance(Duration.ofSeconds(2));
		assertThat(welcomes.sendDue()).as("two seconds later, two more").isEqualTo(2);
		assertThat(welcomes.sendDue()).isZero();
		await().atMost(Duration.ofSeconds(20)).until(() -> welcomesOnTheTopic(programme), welcomes -> welcomes == 3);
		clock.advance(Duration.ofSeconds(10));
		assertThat(welcomes.sendDue()).as("after a pause, still at the rate").isEqualTo(10);
	}

	@Test
	void theRightRowsAloneWhenAskedAndAColumnWeDoNotKnowIsNamed() {
		String programme = StaffApi.newProgramme(port, "Some rows right");
		int exchange = 200 + ThreadLocalRandom.current().nextInt(700);
		String file = HEADER + "\n" + "Ana," + phone(exchange, 1) + ",America/Chicago,09:00,8,," + programme + "\n"
				+ "Ben," + phone(exchange, 1) + ",America/Chicago,09:00,8,," + programme + "\n"
				+ "Cy," + phone(exchange, 3) + ",Mars/Olympus,25:00,eleven,," + programme + "\n";

		Map<String, Object> report = StaffApi.admin(port).post().uri("/api/clients/import?validOnly=true")
			.contentType(MediaType.parseMediaType("text/csv")).body(file).retrieve()
			.body(new ParameterizedTypeReference<Map<String, Object>>() {
			});
		assertThat(report).containsEntry("rows", 3).containsEntry("valid", 1).containsEntry("stored", 1);
		assertThat(report.get("errors").toString()).contains("row=3, field=phone, message=is the phone of row 2 too",
				"row=4, field=cravingThreshold");
		assertThat(clientsOf(programme)).isEqualTo(1);

		ResponseEntity<String> unknown = post("displayName,phone,timezone,dueTimes,shoeSize\n", false);
		assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(unknown.getBody()).contains("columns.shoeSize");
	}

	private static String phone(int exchange, int line) {
		return String.format("+1646%03d%04d", exchange, 9_000 + line);
	}

	private ResponseEntity<String> post(String csv, boolean validOnly) {
		return StaffApi.admin(port).post().uri("/api/clients/import?validOnly={v}", validOnly)
			.contentType(MediaType.parseMediaType("text/csv")).body(csv).retrieve().toEntity(String.class);
	}

	private int clientsOf(String programme) {
		return jdbc.sql("select count(*) from client where programme_id = ?").param(programme).query(Integer.class)
			.single();
	}

	private long welcomesOnTheTopic(String programme) {
		Set<String> clients = Set.copyOf(jdbc.sql("select id::text from client where programme_id = ?")
			.param(programme).query(String.class).list());
		return TopicRecords.all(Topics.CLIENT_MESSAGES).stream().filter(record -> clients.contains(record.key()))
			.map(record -> EventJson.read(record.value(), ClientMessage.class))
			.filter(message -> message.kind() == ClientMessage.Kind.WELCOME).count();
	}
}
