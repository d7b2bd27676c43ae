package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import app.lantern.local.KafkaCluster;
import app.lantern.local.ScratchDirectories;
import app.lantern.testsupport.Faults;
import app.lantern.testsupport.SharedInfrastructure;
import app.lantern.testsupport.TwilioDouble;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production shape, locally: a Kafka cluster of three KRaft nodes (replication factor 3,
 * {@code min.insync.replicas=2}) and two instances of each service, under a steady load of check-ins through
 * both checkin-service instances — most ordinary, some with a craving of 9, some in crisis — while a set of
 * clients' deadline passes. One broker and one instance of each service are killed with SIGKILL shortly before
 * the deadline and brought back after it ({@link ClusterScenario}). Counted ({@link ClusterOutcome}): acknowledged
 * check-ins lost, alerts raised twice, deadlines missed, SMS sent twice (all must be 0), and how long alerting took
 * across the faults.
 */
@Order(Integer.MAX_VALUE - 2)
@Faults
class ClusterFaultsTest {

	@Test
	void oneBrokerAndOneInstanceOfEachServiceKilledLoseNothingAndRepeatNothing() throws Exception {
		Path work = ScratchDirectories.create("cluster-faults");
		WireMockServer twilio = TwilioDouble.start(32);
		TwilioDouble.acceptEverything(twilio);
		try (KafkaCluster cluster = KafkaCluster.start(System.getProperty("java.class.path"), work.resolve("kafka"), 3,
				false)) {
			ClusterScenario scenario = new ClusterScenario(cluster, work, "http://localhost:" + twilio.port(),
					SharedInfrastructure.databaseUrl("cluster_checkin"), SharedInfrastructure.databaseUrl("cluster_notifier"));
			try {
				ClusterScenario.Run run = scenario.run();
				awaitEveryAlertTold(run, twilio);

				ClusterOutcome outcome = ClusterOutcome.of(run, cluster.bootstrapServers(), twilio);
				System.out.print(outcome.report());

				assertThat(outcome.untoldPerGroup().values()).as("sponsors not told, per group: " + outcome.untoldPerGroup())
					.allMatch(count -> count == 0);
				assertThat(outcome.lost()).as("acknowledged check-ins lost").isEmpty();
				assertThat(outcome.raisedTwice()).as("alerts raised twice").isZero();
				assertThat(outcome.deadlinesMissed()).as("deadlines missed").isEmpty();
				assertThat(outcome.sponsorsToldTwice()).as("sponsors told twice").isZero();
				assertThat(outcome.deliveriesTwice()).as("deliveries sent twice").isZero();
				assertThat(run.alertingAcknowledged()).as("every alerting check-in acknowledged")
					.hasSize(ClusterScenario.GROUPS.get("craving") + ClusterScenario.GROUPS.get("crisis"));
				logsAreJsonWithoutPhoneNumbers(work, run);
			}
			finally {
				// what the test proves is done: the services go at once (SIGKILL; a graceful stop of an instance that
				// is still starting would wait for it), and nothing runs after them on this fork's broker
				for (ServiceProcess service : scenario.services()) {
					service.kill();
				}
			}
		}
		finally {
			twilio.stop();
			keepLogs(work);
		}
	}

	/**
	 * Until every sponsor of an alerting client has been told (at most three minutes), and then until nothing more
	 * is sent for five seconds: whoever was not told, or was told twice, is counted by the outcome.
	 */
	private static void awaitEveryAlertTold(ClusterScenario.Run run, WireMockServer twilio) {
		int expected = ClusterScenario.GROUPS.get("craving") + ClusterScenario.GROUPS.get("crisis")
				+ ClusterScenario.GROUPS.get("deadline");
		try {
			await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
				.until(() -> ClusterOutcome.sponsorSms(run, twilio).size() >= expected);
			int settled = sent(run, twilio);
			await("nothing more is sent").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15))
				.until(() -> sent(run, twilio) == settled);
		}
		catch (ConditionTimeoutException counted) {
			// who was not told, or told twice, is counted and asserted by the test
		}
	}

	private static int sent(ClusterScenario.Run run, WireMockServer twilio) {
		return ClusterOutcome.sponsorSms(run, twilio).values().stream().mapToInt(List::size).sum();
	}

	/**
	 * The services log structured JSON (Boot's ECS format, as in production), and not one line of any service,
	 * through the kills and the restarts, carries a client's or a sponsor's phone number.
	 */
	private static void logsAreJsonWithoutPhoneNumbers(Path work, ClusterScenario.Run run) throws Exception {
		Set<String> phones = new HashSet<>(run.sponsors().values());
		ClusterScenario.GROUPS.forEach((group, count) -> {
			for (int i = 0; i < count; i++) {
				phones.add(ClusterScenario.phone(group, i, 0));
			}
		});
		var json = JsonMapper.builder().build();
		int lines = 0;
		try (var logs = Files.list(work)) {
			for (Path log : logs.filter(file -> file.getFileName().toString().endsWith(".log")).toList()) {
				for (String line : Files.readAllLines(log)) {
					if (line.startsWith("{")) {
						assertThat(json.readTree(line).path("service.name").isMissingNode()
								&& json.readTree(line).path("service").isMissingNode())
							.as("an ECS line names its service: " + log.getFileName()).isFalse();
						lines++;
					}
					for (String phone : phones) {
						assertThat(line).as(log.getFileName() + " carries a phone number").doesNotContain(phone);
					}
				}
			}
		}
		assertThat(lines).as("JSON log lines").isGreaterThan(100);
		System.out.printf("  logs: %d JSON lines, no phone number in any%n", lines);
	}

	/** The services' logs (JSON, Kafka Streams' rebalances at INFO) stay in target/ for a run to be read after. */
	private static void keepLogs(Path work) throws IOException {
		Path kept = Path.of("target", "cluster-faults");
		Files.createDirectories(kept);
		try (var logs = Files.list(work)) {
			for (Path log : logs.filter(file -> file.getFileName().toString().endsWith(".log")).toList()) {
				Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}
}
