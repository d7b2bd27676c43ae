package app.lantern.checkin.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import app.lantern.checkin.CheckinProperties;
import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A poison file never blocks the crises behind it: with the database up, the replay sets aside a spooled file that
 * cannot be read, and stores the crises after it — among them one spooled with a form submission far longer than
 * the page makes (as the spool kept them before submissions were bounded), which no unique index takes as a key.
 */
@CheckinServiceTest
class CrisisReplayTest {

	@LocalServerPort
	int port;

	@Autowired
	CrisisSpool spool;

	@Autowired
	CheckinProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFileThatCanNeverBeStoredIsSetAsideAndTheCrisesBehindItAreStored() throws Exception {
		var api = StaffApi.admin(port);
		String phone = TestPhones.next();
		String clientId = StaffApi.enrol(api, "Nell", phone);
		Map<?, ?> rotated = api.post().uri("/api/clients/{id}/link/rotate", clientId).retrieve().body(Map.class);
		String url = (String) rotated.get("checkinUrl");
		String token = url.substring(url.lastIndexOf('/') + 1);
		Path folder = Path.of(properties.intake().spoolDir());
		// first in the replay's order
		Path poison = folder.resolve("00000000-0000-0000-0000-000000000000.json");

		Files.writeString(poison, "{ not json");
		spool.spool(new CrisisSpool.Spooled(UUID.randomUUID(), "WEB", Instant.now(), null, null, null, token,
				"s".repeat(60_000)));
		spool.spool(CrisisSpool.Spooled.sms(phone, "I want to die", "SM" + UUID.randomUUID().toString().replace("-", ""),
				Instant.now()));

		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc
			.sql("select count(*) from check_in where client_id = ?::uuid and crisis").param(clientId)
			.query(Integer.class).single() == 2);
		assertThat(folder.resolve("aside").resolve(poison.getFileName())).exists();
		assertThat(poison).doesNotExist();
	}
}
