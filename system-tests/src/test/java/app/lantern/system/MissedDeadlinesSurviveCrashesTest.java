package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.local.ScratchDirectories;
import app.lantern.testsupport.Faults;
import app.lantern.testsupport.SharedInfrastructure;
import app.lantern.testsupport.TopicRecords;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Deadlines that pass while alert-service is dead are still noticed, once: a lone instance killed with SIGKILL
 * and started again; and two instances sharing the partitions, one of them killed, its partitions moving to
 * the other. Each missed deadline yields exactly one RAISED.
 * <p>
 * It runs after the other system tests. Its killed instances once held up the next platform on the same broker
 * for more than a minute: members of consumer groups until their session expired (Kafka's default 45 s, now 8 s;
 * docs/operations.md, "The stall after an instance death, explained").
 */
@Order(Integer.MAX_VALUE)
@Faults
class MissedDeadlinesSurviveCrashesTest {

	@Test
	void eachMissedDeadlineIsRaisedExactlyOnceAcrossAFailoverAndAKillAndARestart() throws Exception {
		String kafka = SharedInfrastructure.kafkaBootstrapServers();
		createTopics(kafka);
		Path work = ScratchDirectories.create("alert-crash");
		List<String> failoverClients = clients("failover", 30);
		List<String> restartClients = clients("restart", 30);

		var first = ServiceProcess.alertService(kafka, "crash-test", work.resolve("first"), work.resolve("first.log"));
		var second = ServiceProcess.alertService(kafka, "crash-test", work.resolve("second"), work.resolve("second.log"));
		ServiceProcess third = null;
		try {
			first.awaitReady(Duration.ofMinutes(2));
			second.awaitReady(Duration.ofMinutes(2));
			// due times to the second, as near as the steps allow (a due time is a local time, seconds included;
			// a minute's grace is the least a schedule has): no wall-clock minutes waited for nothing
			Instant firstDue = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(20);
			Instant firstDeadline = firstDue.plus(Duration.ofMinutes(1));
			Instant secondDue = firstDue.plusSeconds(30);
			Instant secondDeadline = secondDue.plus(Duration.ofMinutes(1));
			publishProfiles(kafka, failoverClients, firstDue);
			publishProfiles(kafka, restartClients, secondDue);
			assertThat(Instant.now()).as("both instances must be up before the first due time").isBefore(firstDue);
			// the group has committed every profile (with its state) before the kills
			await().atMost(Duration.ofSeconds(60)).until(() -> profilesConsumed(kafka, "crash-test"));

			// failover: one of two instances dies; its partitions move to the other before the deadline passes
			first.kill();
			await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				Map<String, Long> raised = missedRaised();
				assertThat(failoverClients).allSatisfy(client -> assertThat(raised.get(client)).as(client).isEqualTo(1L));
			});
			assertThat(Instant.now()).as("the second deadline is still ahead").isBefore(secondDeadline);

			// restart: the last instance dies with no clean shutdown while the second deadline passes
			second.kill();
			await().atMost(Duration.ofMinutes(3)).until(() -> Instant.now().isAfter(secondDeadline.plusSeconds(5)));
			third = ServiceProcess.alertService(kafka, "crash-test", work.resolve("third"), work.resolve("third.log"));
			third.awaitReady(Duration.ofMinutes(2));

			await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				Map<String, Long> raised = missedRaised();
				assertThat(restartClients).allSatisfy(client -> assertThat(raised.get(client)).as(client).isEqualTo(1L));
			});
			// and it stays so: nothing is raised twice after the restart
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				Map<String, Long> raised = missedRaised();
				assertThat(failoverClients).allSatisfy(client -> assertThat(raised.get(client)).isEqualTo(1L));
				assertThat(restartClients).allSatisfy(client -> assertThat(raised.get(client)).isEqualTo(1L));
			});
			assertThat(deadlines(failoverClients)).containsOnly(firstDeadline);
			assertThat(deadlines(restartClients)).as("carrying the instant the deadline passed").containsOnly(secondDeadline);
		}
		finally {
			first.close();
			second.close();
			if (third != null) {
				third.close();
			}
		}
	}

	private static boolean profilesConsumed(String kafka, String group) throws Exception {
		try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
			var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
			var partitions = admin.describeTopics(List.of(Topics.CLIENT_PROFILES)).allTopicNames().get()
				.get(Topics.CLIENT_PROFILES).partitions().stream()
				.map(info -> new org.apache.kafka.common.TopicPartition(Topics.CLIENT_PROFILES, info.partition()))
				.toList();
			var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(partition -> partition,
					partition -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
			return partitions.stream().allMatch(partition -> committed.containsKey(partition)
					&& committed.get(partition).offset() >= ends.get(partition).offset());
		}
	}

	private static Map<String, Long> missedRaised() {
		return alerts().stream()
			.filter(alert -> alert.type() == AlertType.MISSED_CHECKIN && alert.state() == AlertState.RAISED)
			.collect(Collectors.groupingBy(AlertEvent::clientId, Collectors.counting()));
	}

	private static List<Instant> deadlines(List<String> clients) {
		return alerts().stream().filter(alert -> clients.contains(alert.clientId())).map(AlertEvent::raisedAt).toList();
	}

	private static List<AlertEvent> alerts() {
		return TopicRecords.all(Topics.ALERTS).stream()
			.filter(record -> record.key() != null && record.key().startsWith("crash-"))
			.map(record -> EventJson.read(record.value(), AlertEvent.class))
			.toList();
	}

	private static List<String> clients(String prefix, int count) {
		List<String> clients = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			clients.add("crash-" + prefix + "-" + UUID.randomUUID());
		}
		return clients;
	}

	private static void publishProfiles(String kafka, List<String> clients, Instant due) throws Exception {
		Instant now = Instant.now();
		LocalTime local = LocalTime.ofInstant(due, ZoneOffset.UTC); // to the second
		try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka),
				new StringSerializer(), new StringSerializer())) {
			for (String client : clients) {
				ClientProfile profile = new ClientProfile(UUID.randomUUID(), now, 1, client, 1, "Test", "+12025550199",
						ClientStatus.ACTIVE, ZoneOffset.UTC, new ClientProfile.Schedule(List.of(local), 1, 0, now), 8,
						false, now.minus(Duration.ofDays(1)), List.of());
				producer.send(new ProducerRecord<>(Topics.CLIENT_PROFILES, client, EventJson.writeString(profile))).get();
			}
		}
	}

	private static void createTopics(String kafka) throws Exception {
		try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
			var existing = admin.listTopics().names().get();
			var missing = Topics.ALL.stream().filter(topic -> !existing.contains(topic))
				.map(topic -> Topics.definition(topic, 3, java.util.Optional.empty()))
				.toList();
			if (!missing.isEmpty()) {
				admin.createTopics(missing).all().get();
			}
		}
	}
}
