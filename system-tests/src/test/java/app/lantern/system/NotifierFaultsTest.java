package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
import app.lantern.testsupport.RestartablePostgres;
import app.lantern.testsupport.SharedInfrastructure;
import app.lantern.testsupport.TopicRecords;
import app.lantern.testsupport.TwilioDouble;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The real notifier process when its own parts fail: its PostgreSQL stopped for a minute while alerts pour in,
 * its mail server falling silent (accepting connections, never answering) for 75 s. Twilio is a WireMock
 * double, the mail server a real GreenMail behind a front that can fall silent, PostgreSQL real and stopped.
 */
@Order(4)
@Faults
class NotifierFaultsTest {

	private static RestartablePostgres database;

	private static WireMockServer twilio;

	private static GreenMail mail;

	private static SilentFront smtp;

	private static ServiceProcess notifier;

	private static JdbcClient jdbc;

	@BeforeAll
	static void startTheNotifierAndItsWorld() throws Exception {
		database = RestartablePostgres.started();
		twilio = TwilioDouble.start(32);
		TwilioDouble.acceptEverything(twilio);
		int mailPort;
		try (ServerSocket free = new ServerSocket(0)) {
			mailPort = free.getLocalPort();
		}
		mail = new GreenMail(new ServerSetup(mailPort, "localhost", ServerSetup.PROTOCOL_SMTP));
		mail.start();
		smtp = new SilentFront(mailPort);
		Path work = ScratchDirectories.create("notifier-faults");
		notifier = ServiceProcess.notifierService(SharedInfrastructure.kafkaBootstrapServers(), database.jdbcUrl(),
				"http://localhost:" + twilio.port(), "+12025550100", work.resolve("notifier.log"),
				"--spring.mail.host=localhost", "--spring.mail.port=" + smtp.port(), "--lantern.mail.timeout=5s",
				"--lantern.retries.max-backoff=5s", "--lantern.delivery.outage-rest=5s",
				"--spring.datasource.hikari.connection-timeout=2000");
		notifier.awaitReady(Duration.ofMinutes(3));
		jdbc = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), database.jdbcUrl()));
	}

	@AfterAll
	static void stopEverything() throws Exception {
		if (notifier != null) {
			notifier.close();
		}
		if (smtp != null) {
			smtp.close();
		}
		if (mail != null) {
			mail.stop();
		}
		if (twilio != null) {
			twilio.stop();
		}
		if (database != null) {
			database.close();
		}
	}

	/**
	 * PostgreSQL stops for 60 s while 500 alerts arrive, one of them before its client's profile: the notifier
	 * stays up, sends nothing it cannot record, and once the database is back every alert is sent exactly once —
	 * none dead-lettered — and the one whose profile came last reaches its contact too.
	 */
	@Test
	void aMinuteWithoutPostgresqlWhile500AlertsArriveLosesNoneAndSendsNoneTwice() throws Exception {
		String run = "pg-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		Map<String, String> phones = new HashMap<>();
		for (int i = 0; i < 500; i++) {
			phones.put(run + i, String.format("+1303555%04d", i));
		}
		publishProfiles(phones, ContactChannel.SMS);
		await().atMost(Duration.ofMinutes(1)).until(() -> jdbc
			.sql("select count(*) from client_profile where client_id like ?").param(run + "%")
			.query(Integer.class).single() == phones.size());
		String late = run + "late";

		database.stop();
		Instant stopped = Instant.now();
		try (var producer = producer()) {
			for (String client : phones.keySet()) {
				producer.send(new ProducerRecord<>(Topics.ALERTS, client, EventJson.writeString(crisis(client))));
			}
			producer.send(new ProducerRecord<>(Topics.ALERTS, late, EventJson.writeString(crisis(late))));
		}
		await("a minute without PostgreSQL: alive, and nothing sent that could not be recorded")
			.during(Duration.ofSeconds(60)).atMost(Duration.ofSeconds(70))
			.until(() -> notifier.isAlive() && smsTo(phones.values()).isEmpty());
		database.start();
		Instant restarted = Instant.now();
		// the late client's profile comes only now, long after its alert
		publishProfiles(Map.of(late, "+13035559999"), ContactChannel.SMS);

		await().atMost(Duration.ofMinutes(3)).until(() -> smsTo(phones.values()).size() == phones.size()
				&& smsTo(List.of("+13035559999")).size() == 1);
		Instant lastSent = Instant.now();
		await("and each only once").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
			.until(() -> smsTo(phones.values()).values().stream().allMatch(count -> count == 1));
		assertThat(TopicRecords.all(Topics.deadLetter(Topics.ALERTS)).stream()
			.filter(record -> record.key() != null && record.key().startsWith(run)))
			.as("none dead-lettered").isEmpty();
		System.out.printf("PostgreSQL away %d s while %d alerts arrived: all sent once, the last %d s after it was "
				+ "back; none dead-lettered%n", Duration.between(stopped, restarted).toSeconds(), phones.size() + 1,
				Duration.between(restarted, lastSent).toSeconds());
	}

	/**
	 * The mail server falls silent for 75 s (connections accepted, never answered): SMS alerts meanwhile go out
	 * within seconds, and the e-mail goes once when the server answers again.
	 */
	@Test
	void aMailServerSilentFor75SecondsHoldsUpNoSms() throws Exception {
		String run = "smtp-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		String mailClient = run + "mail";
		publishProfiles(Map.of(mailClient, "friend-" + run + "@example.org"), ContactChannel.EMAIL);
		Map<String, String> phones = new HashMap<>();
		for (int i = 0; i < 30; i++) {
			phones.put(run + i, String.format("+1720555%04d", i));
		}
		publishProfiles(phones, ContactChannel.SMS);
		await().atMost(Duration.ofMinutes(1)).until(() -> jdbc
			.sql("select count(*) from client_profile where client_id like ?").param(run + "%")
			.query(Integer.class).single() == phones.size() + 1);

		smtp.fallSilent();
		Instant silent = Instant.now();
		publishAlerts(List.of(mailClient));
		await().atMost(Duration.ofSeconds(20)).until(() -> smtp.held() > 0);
		// SMS alerts while the mail server says nothing, a few at a time
		Duration slowest = Duration.ZERO;
		List<String> clients = new ArrayList<>(phones.keySet());
		for (int from = 0; from < clients.size(); from += 10) {
			List<String> some = clients.subList(from, from + 10);
			Instant published = Instant.now();
			publishAlerts(some);
			List<String> numbers = some.stream().map(phones::get).toList();
			await().atMost(Duration.ofSeconds(10)).until(() -> smsTo(numbers).size() == numbers.size());
			Duration took = Duration.between(published, Instant.now());
			slowest = took.compareTo(slowest) > 0 ? took : slowest;
		}
		assertThat(mail.getReceivedMessages()).as("nothing reached the mail server yet").isEmpty();
		await("the mail server stays silent for 75 s").atMost(Duration.ofSeconds(90))
			.until(() -> Duration.between(silent, Instant.now()).toSeconds() >= 75);
		smtp.answer();
		Instant answering = Instant.now();

		await().atMost(Duration.ofMinutes(1)).until(() -> mail.getReceivedMessages().length == 1);
		Duration mailLate = Duration.between(answering, Instant.now());
		await("the e-mail went once").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15))
			.until(() -> mail.getReceivedMessages().length == 1);
		assertThat(slowest).as("SMS went out within seconds while the mail server was silent")
			.isLessThan(Duration.ofSeconds(5));
		System.out.printf("mail server silent 75 s: %d SMS alerts meanwhile, the slowest %d ms; the e-mail went "
				+ "once, %d s after the server answered again%n", clients.size(), slowest.toMillis(),
				mailLate.toSeconds());
	}

	/** SMS requests Twilio received, counted by the number they were to (only these numbers). */
	private static Map<String, Integer> smsTo(Collection<String> numbers) {
		Set<String> wanted = Set.copyOf(numbers);
		Map<String, Integer> sent = new HashMap<>();
		TwilioDouble.texts(twilio).stream().filter(text -> wanted.contains(text.to()))
			.forEach(text -> sent.merge(text.to(), 1, Integer::sum));
		return sent;
	}

	private static AlertEvent crisis(String client) {
		return AlertEvent.of(UUID.randomUUID(), client, AlertType.CRISIS, Severity.CRITICAL, 1, AlertState.RAISED,
				"crisis words", Instant.now(), null, Instant.now());
	}

	private static void publishAlerts(List<String> clients) {
		try (var producer = producer()) {
			for (String client : clients) {
				producer.send(new ProducerRecord<>(Topics.ALERTS, client, EventJson.writeString(crisis(client))));
			}
		}
	}

	/** One client per entry, with one consented, opted-in contact at that address on that channel. */
	private static void publishProfiles(Map<String, String> addresses, ContactChannel channel) {
		Instant now = Instant.now();
		try (var producer = producer()) {
			addresses.forEach((client, address) -> {
				var consent = new ClientProfile.Consent(client + "-consent", Set.of(AlertType.values()), "care",
						now.minus(Duration.ofDays(1)), null, null, null);
				var contact = new ClientProfile.SupportContact(client + "-contact", "Sam", ContactRole.SPONSOR,
						channel == ContactChannel.SMS ? address : null, channel == ContactChannel.EMAIL ? address : null,
						Set.of(channel), 1, ZoneOffset.UTC, null, true, Set.of(channel), false, List.of(consent));
				var profile = new ClientProfile(UUID.randomUUID(), now, 1, client, 1, "Jordan", "+12025550170",
						ClientStatus.ACTIVE, ZoneOffset.UTC,
						new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 30, now), 8, false, now,
						List.of(contact));
				producer.send(new ProducerRecord<>(Topics.CLIENT_PROFILES, client, EventJson.writeString(profile)));
			});
		}
	}

	private static KafkaProducer<String, String> producer() {
		return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
				new StringSerializer());
	}
}
