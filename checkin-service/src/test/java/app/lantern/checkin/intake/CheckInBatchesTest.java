package app.lantern.checkin.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.events.CheckInReceived;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.testsupport.AllAtOnce;
import app.lantern.testsupport.TopicRecords;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * Check-ins arriving together are stored many to a transaction (group commit), and each is still stored and
 * published once, answered only once stored, and refused alone when it is wrong.
 */
@CheckinServiceTest
class CheckInBatchesTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	RestClient api;

	@BeforeEach
	void api() {
		api = StaffApi.admin(port);
	}

	@Test
	void sixtyFourConnectionsAtOnceShareTransactionsAndEveryCheckInIsStoredAndPublishedOnce() throws Exception {
		List<String> clients = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			clients.add(StaffApi.enrol(api, "Batch " + i, TestPhones.next()));
		}
		DistributionSummary batches = meters.get("lantern.checkins.batch.size").summary();
		long batchesBefore = batches.count();
		double storedBefore = batches.totalAmount();

		// 320 check-ins, 40 per client; each key sent twice, the two at once: 640 requests, 320 check-ins
		List<Callable<Map<?, ?>>> requests = new ArrayList<>();
		for (int n = 0; n < 320; n++) {
			String client = clients.get(n % clients.size());
			String key = "batch-" + client + "-" + n;
			int craving = n % 8;
			for (int twice = 0; twice < 2; twice++) {
				requests.add(() -> api.post().uri("/api/checkins").header("Idempotency-Key", key)
					.contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("clientId", client, "craving", craving))
					.retrieve()
					.body(Map.class));
			}
		}
		List<Map<?, ?>> answers = AllAtOnce.call(requests, 64);

		Set<Object> ids = answers.stream().map(answer -> answer.get("id")).collect(Collectors.toSet());
		assertThat(ids).hasSize(320);
		for (int n = 0; n < 640; n += 2) {
			assertThat(answers.get(n).get("id")).as("the same key's two answers").isEqualTo(answers.get(n + 1).get("id"));
		}
		assertThat(jdbc.sql("select count(*) from check_in where client_id::text = any(?::text[])")
			.param(clients.toArray(String[]::new)).query(Integer.class).single()).isEqualTo(320);
		long batchesUsed = batches.count() - batchesBefore;
		double stored = batches.totalAmount() - storedBefore;
		assertThat(batchesUsed).as("transactions for %s check-ins", stored).isLessThan((long) stored);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<String> published = TopicRecords.all(Topics.CHECKINS).stream()
				.filter(record -> clients.contains(record.key()))
				.map(record -> EventJson.read(record.value(), CheckInReceived.class).checkInId().toString())
				.toList();
			assertThat(published).hasSize(320).doesNotHaveDuplicates();
			assertThat(Set.copyOf(published)).isEqualTo(ids.stream().map(Object::toString).collect(Collectors.toSet()));
		});
	}

	@Test
	void aCheckInRefusedInABatchIsRefusedAloneAndTheOthersAreStored() throws Exception {
		String client = StaffApi.enrol(api, "Refused", TestPhones.next());
		api.post().uri("/api/checkins").header("Idempotency-Key", "used-before").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", client, "craving", 2)).retrieve().toBodilessEntity();
		RestClient lenient = api;

		List<Callable<Integer>> requests = new ArrayList<>();
		for (int n = 0; n < 63; n++) {
			int craving = n % 8;
			requests.add(() -> lenient.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("clientId", client, "craving", craving)).retrieve().toBodilessEntity().getStatusCode().value());
		}
		// the same key with another check-in
		requests.add(() -> lenient.post().uri("/api/checkins").header("Idempotency-Key", "used-before")
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("clientId", client, "craving", 9)).retrieve()
			.toBodilessEntity().getStatusCode().value());

		List<Integer> statuses = AllAtOnce.call(requests, 64);

		assertThat(statuses.subList(0, 63)).containsOnly(202);
		assertThat(statuses.get(63)).isEqualTo(422);
		assertThat(jdbc.sql("select count(*) from check_in where client_id = ?::uuid").param(client)
			.query(Integer.class).single()).isEqualTo(64);
	}

}
