package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.ContactChannel;
import app.lantern.events.ContactRole;
import app.lantern.events.EventJson;
import app.lantern.events.Severity;
import app.lantern.events.Topics;
import app.lantern.local.ScratchDirectories;
import app.lantern.testsupport.Faults;
import app.lantern.testsupport.SharedInfrastructure;
import app.lantern.testsupport.TwilioDouble;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * notifier-service as real processes with WireMock as Twilio's API, stopped in the middle of a batch: by
 * SIGTERM (a deploy) it finishes what it started and nothing goes twice; by SIGKILL, with a second instance
 * sharing the partitions, every delivery is still sent, and a send whose answer had not come back is looked up
 * in Twilio's list of messages before it is sent again.
 */
@Order(3)
@Faults
class NotifierRestartsTest {


	private static final int CONTACTS = 3;

	private static final String KILLED_FROM = "+12025550101";

	private static final String SURVIVOR_FROM = "+12025550102";

	private final List<AutoCloseable> running = new ArrayList<>();

	@AfterEach
	void stopEverything() throws Exception {
		for (AutoCloseable each : running) {
			each.close();
		}
	}

	/**
	 * SIGTERM while sends are in hand: what had started is finished and recorded; what had not (Twilio answers
	 * slowly, so the queue cannot drain) stays in the queue, for the next instance to send; nothing goes twice.
	 */
	@Test
	void aGracefulRestartMidBatchSendsNothingTwice() throws Exception {
		String database = SharedInfrastructure.databaseUrl("notifier_graceful_restart");
		WireMockServer twilio = twilio(Duration.ofMillis(1000));
		Path work = ScratchDirectories.create("notifier-restart");
		ServiceProcess first = notifier(database, twilio, work.resolve("first.log"));
		first.awaitReady(Duration.ofMinutes(2));
		JdbcClient jdbc = jdbc(database);
		List<String> clients = publishProfiles("graceful", 100, jdbc);
		int expected = publishAlerts(clients, List.of(AlertType.HIGH_CRAVING, AlertType.REPORTED_USE, AlertType.CRISIS));

		// every alert claimed (its deliveries in the log) and the first sends on the wire: a stop now finds sends in hand
		// and more waiting (Twilio answers each in a second, 16 at a time)
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
			.until(() -> deliveries(jdbc) == expected && posts(twilio) >= 32);
		first.stop();
		int sentBeforeRestart = posts(twilio);
		assertThat(sentBeforeRestart).as("stopped in the middle of the work").isLessThan(expected);
		int givenBack = jdbc.sql("select count(*) from delivery where status = 'QUEUED'").query(Integer.class).single();
		assertThat(sent(jdbc)).as("a graceful stop leaves no send cut off: every one Twilio took was recorded")
			.isEqualTo(sentBeforeRestart);
		assertThat(sentBeforeRestart + givenBack).as("the rest given back to the queue, none lost")
			.isEqualTo(expected);

		ServiceProcess second = notifier(database, twilio, work.resolve("second.log"));
		second.awaitReady(Duration.ofMinutes(2));
		await().atMost(Duration.ofMinutes(2)).until(() -> sent(jdbc) == expected);

		await("nothing is sent again").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
			.until(() -> posts(twilio) == expected);
		Map<String, Integer> sends = TwilioDouble.sendsPerDelivery(twilio);
		assertThat(sends).hasSize(expected);
		assertThat(sends.values()).allMatch(count -> count == 1);
		System.out.printf("graceful restart: %d of %d sent before the exit, %d given back to the queue and sent "
				+ "after the restart; none twice%n", sentBeforeRestart, expected, givenBack);
	}

	/**
	 * Two instances share the partitions and one Twilio account; one is killed (SIGKILL) mid-batch. Its sends
	 * whose answer never came are taken up by the survivor when their lease ends, and the survivor asks Twilio's
	 * list of messages first: what Twilio took is recorded as sent, not sent again.
	 */
	@Test
	void twoInstancesOneKilledMidBatchSendEveryDeliveryOnce() throws Exception {
		String database = SharedInfrastructure.databaseUrl("notifier_killed_mid_batch");
		// one Twilio (as in production), answering slowly so that sends are in flight at the kill; the instances
		// send from numbers of their own, so each message says who sent it
		WireMockServer twilio = twilio(Duration.ofMillis(200));
		Path work = ScratchDirectories.create("notifier-kill");
		ServiceProcess killed = ServiceProcess.notifierService(SharedInfrastructure.kafkaBootstrapServers(), database,
				"http://localhost:" + twilio.port(), KILLED_FROM, work.resolve("killed.log"));
		running.add(0, killed);
		ServiceProcess survivor = ServiceProcess.notifierService(SharedInfrastructure.kafkaBootstrapServers(),
				database, "http://localhost:" + twilio.port(), SURVIVOR_FROM, work.resolve("survivor.log"));
		running.add(0, survivor);
		killed.awaitReady(Duration.ofMinutes(2));
		survivor.awaitReady(Duration.ofMinutes(2));
		JdbcClient jdbc = jdbc(database);
		List<String> clients = publishProfiles("killed", 200, jdbc);
		int expected = publishAlerts(clients, List.of(AlertType.HIGH_CRAVING, AlertType.REPORTED_USE));

		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
			.until(() -> sendsFrom(twilio, KILLED_FROM) >= 50);
		killed.kill();
		Set<String> inFlightAtTheKill = inFlight(jdbc);
		int sentByTheKilledOne = sendsFrom(twilio, KILLED_FROM);

		await().atMost(Duration.ofMinutes(2)).until(() -> sent(jdbc) == expected);
		await("nothing more is sent").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
			.until(() -> inFlight(jdbc).isEmpty());
		Map<String, Integer> sends = TwilioDouble.sendsPerDelivery(twilio);
		Set<String> twice = new HashSet<>();
		sends.forEach((id, count) -> {
			if (count > 1) {
				twice.add(id);
			}
		});
		int foundInTwiliosList = jdbc.sql("select count(*) from delivery where detail like '%earlier, unanswered%'")
			.query(Integer.class).single();

		assertThat(sends).as("every delivery reached Twilio").hasSize(expected);
		assertThat(sentByTheKilledOne).as("killed in the middle of the work").isLessThan(expected);
		assertThat(inFlightAtTheKill).as("sends were in flight at the kill").isNotEmpty();
		assertThat(twice).as("sent twice").isEmpty();
		System.out.printf("SIGKILL mid-batch: %d deliveries, %d sent by the killed instance, %d in flight at the "
				+ "kill, %d of them found in Twilio's list and not sent again, %d sent twice%n", expected,
				sentByTheKilledOne, inFlightAtTheKill.size(), foundInTwiliosList, twice.size());
	}

	private static int posts(WireMockServer twilio) {
		return TwilioDouble.texts(twilio).size();
	}

	private static int sendsFrom(WireMockServer twilio, String from) {
		return (int) TwilioDouble.texts(twilio).stream().filter(text -> text.from().equals(from)).count();
	}

	private ServiceProcess notifier(String database, WireMockServer twilio, Path log) throws Exception {
		ServiceProcess notifier = ServiceProcess.notifierService(SharedInfrastructure.kafkaBootstrapServers(), database,
				"http://localhost:" + twilio.port(), log);
		running.add(0, notifier);
		return notifier;
	}

	private WireMockServer twilio(Duration answerAfter) {
		WireMockServer twilio = TwilioDouble.start(64);
		TwilioDouble.acceptEverything(twilio, answerAfter);
		running.add(twilio::stop);
		return twilio;
	}

	private static JdbcClient jdbc(String url) {
		return JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), url));
	}

	private static Set<String> inFlight(JdbcClient jdbc) {
		return new HashSet<>(jdbc.sql("select id::text from delivery where status = 'QUEUED' and in_flight_since is not null")
			.query(String.class).list());
	}

	private static int deliveries(JdbcClient jdbc) {
		return jdbc.sql("select count(*) from delivery").query(Integer.class).single();
	}

	private static int sent(JdbcClient jdbc) {
		return jdbc.sql("select count(*) from delivery where status = 'SENT'").query(Integer.class).single();
	}

	/** Clients with three consented, opted-in SMS contacts each; returns when the notifier holds them all. */
	private static List<String> publishProfiles(String prefix, int count, JdbcClient jdbc) throws Exception {
		Instant now = Instant.now();
		String run = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		List<String> clients = new ArrayList<>();
		try (var producer = producer()) {
			for (int i = 0; i < count; i++) {
				List<ClientProfile.SupportContact> contacts = new ArrayList<>();
				for (int j = 0; j < CONTACTS; j++) {
					var consent = new ClientProfile.Consent(run + i + "-consent-" + j, Set.of(AlertType.values()), "care",
							now.minus(Duration.ofDays(1)), null, null, null);
					contacts.add(new ClientProfile.SupportContact(run + i + "-contact-" + j, "Sam", ContactRole.SPONSOR,
							String.format("+1202%03d%04d", j, i), null, Set.of(ContactChannel.SMS), 1, ZoneOffset.UTC, null,
							true, Set.of(ContactChannel.SMS), false, List.of(consent)));
				}
				String id = run + i;
				clients.add(id);
				var profile = new ClientProfile(UUID.randomUUID(), now, 1, id, 1, "Jordan", "+12025550170",
						ClientStatus.ACTIVE, ZoneOffset.UTC,
						new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 30, now), 8, false, now, contacts);
				producer.send(new ProducerRecord<>(Topics.CLIENT_PROFILES, id, EventJson.writeString(profile)));
			}
		}
		await().atMost(Duration.ofMinutes(1)).until(() -> jdbc
			.sql("select count(*) from client_profile where client_id like ?").param(run + "%")
			.query(Integer.class).single() == count);
		return clients;
	}

	/** One alert of each type for every client; returns how many deliveries they make. */
	private static int publishAlerts(List<String> clients, List<AlertType> types) {
		try (var producer = producer()) {
			for (AlertType type : types) {
				for (String client : clients) {
					AlertEvent alert = AlertEvent.of(UUID.randomUUID(), client, type, Severity.HIGH, 1, AlertState.RAISED,
							"test", Instant.now(), null, Instant.now());
					producer.send(new ProducerRecord<>(Topics.ALERTS, client, EventJson.writeString(alert)));
				}
			}
		}
		return clients.size() * types.size() * CONTACTS;
	}

	private static KafkaProducer<String, String> producer() {
		return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
				new StringSerializer());
	}
}
