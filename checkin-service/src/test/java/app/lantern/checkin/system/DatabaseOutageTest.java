package app.lantern.checkin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.checkin.sms.TwilioRequests;
import app.lantern.events.CheckInReceived;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.testsupport.Databases;
import app.lantern.testsupport.Faults;
import app.lantern.testsupport.RestartableKafka;
import app.lantern.testsupport.RestartablePostgres;
import app.lantern.testsupport.TopicRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * The database stopped — and then the database and the broker both — while a client reaches out in crisis, by
 * SMS and with the page's button: each is answered with crisis resources at once, waits in the spool, and is
 * recorded and published exactly once when the database is back. And the database that hangs rather than dies (its
 * processes stopped with SIGSTOP: connections open, no answer): a crisis is answered within a second and a bit, an
 * ordinary request fails fast with 503, readiness goes DOWN, and everything resumes by itself when it answers.
 */
@CheckinServiceTest
@Faults
class DatabaseOutageTest {

	static final RestartablePostgres postgres = RestartablePostgres.started();

	static final RestartableKafka kafka = RestartableKafka.started();

	@TestConfiguration
	static class OwnDatabaseAndBroker {

		@Bean
		@Primary
		JdbcConnectionDetails restartableDatabase() {
			return Databases.at(postgres.jdbcUrl());
		}

		@Bean
		@Primary
		KafkaConnectionDetails restartableBroker() {
			return () -> List.of(kafka.bootstrapServers());
		}
	}

	@DynamicPropertySource
	static void spool(DynamicPropertyRegistry registry) throws Exception {
		Path spool = Files.createTempDirectory("crisis-spool");
		registry.add("lantern.intake.spool-dir", spool::toString);
		registry.add("lantern.intake.replay-every", () -> "500ms");
	}

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aCrisisWhileTheDatabaseIsDownIsAnsweredAtOnceAndRecordedOnceItIsBack() {
		var api = StaffApi.admin(port);
		String phone = TestPhones.next();
		String clientId = StaffApi.enrol(api, "Dana", phone);
		String page = checkInLink(clientId, api);

		postgres.stop();
		try {
			answeredWithCrisisResources(phone, page);
		}
		finally {
			postgres.start();
		}

		recordedAndPublishedOnce(clientId);
	}

	@Test
	void aCrisisWhileTheDatabaseAndTheBrokerAreBothDownIsAnsweredAtOnceAndRecordedOnceTheyAreBack() {
		var api = StaffApi.admin(port);
		String phone = TestPhones.next();
		String clientId = StaffApi.enrol(api, "Remy", phone);
		String page = checkInLink(clientId, api);

		kafka.stop();
		postgres.stop();
		try {
			answeredWithCrisisResources(phone, page);
		}
		finally {
			postgres.start();
			kafka.start();
		}

		recordedAndPublishedOnce(clientId);
	}

	@Test
	void aCrisisWhileTheDatabaseHangsIsAnsweredWithinTwoSecondsAndRecordedOnceItAnswers() {
		var api = StaffApi.admin(port);
		String phone = TestPhones.next();
		String clientId = StaffApi.enrol(api, "Hale", phone);
		String page = checkInLink(clientId, api);

		postgres.freeze();
		try {
			long started = System.nanoTime();
			var sms = new TwilioRequests(port).sms(phone, "I can't go on, I want to overdose", TwilioRequests.sid());
			assertThat(sms.getBody()).contains("988").contains("911");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no wait on a database that hangs")
				.isLessThan(Duration.ofSeconds(2));
			started = System.nanoTime();
			String form = StaffApi.anonymous(port).get().uri("/c/{t}", page).retrieve().body(String.class);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the page opens, the same")
				.isLessThan(Duration.ofSeconds(2));
			started = System.nanoTime();
			var help = askForHelp(page, form);
			assertThat(help.getBody()).contains("988").contains("911");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("its button, the same")
				.isLessThan(Duration.ofSeconds(2));
		}
		finally {
			postgres.thaw();
		}

		recordedAndPublishedOnce(clientId);
	}

	@Test
	void anOrdinaryRequestWhileTheDatabaseHangsFailsFastAndReadinessGoesDownUntilItAnswers() {
		var api = StaffApi.admin(port);
		String clientId = StaffApi.enrol(api, "Indy", TestPhones.next());
		RestClient management = RestClient.builder().baseUrl("http://localhost:" + managementPort)
			.defaultStatusHandler(status -> true, (request, response) -> {
			}).build();

		postgres.freeze();
		try {
			long started = System.nanoTime();
			var checkIn = api.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("clientId", clientId, "craving", 3)).retrieve().toEntity(String.class);
			assertThat(checkIn.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(checkIn.getHeaders().getFirst("Retry-After")).isNotBlank();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("fails fast, not when the database wakes")
				.isLessThan(Duration.ofSeconds(8));
			await().atMost(Duration.ofSeconds(20)).until(() -> management.get().uri("/actuator/health/readiness")
				.retrieve().toEntity(String.class).getStatusCode().value() == 503);
		}
		finally {
			postgres.thaw();
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> management.get().uri("/actuator/health/readiness")
			.retrieve().toEntity(String.class).getStatusCode().is2xxSuccessful());
		var after = api.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", clientId, "craving", 3)).retrieve().toEntity(String.class);
		assertThat(after.getStatusCode()).as("resumed by itself").isEqualTo(HttpStatus.ACCEPTED);
		assertThat(jdbc.sql("select count(*) from check_in where client_id = ?::uuid").param(clientId)
			.query(Integer.class).single()).as("the refused one was not stored half-way").isEqualTo(1);
	}

	/**
	 * A broker that takes connections and never answers holds up no one: a crisis text and an ordinary check-in are
	 * answered at once (both wait in the outbox, not on the broker), and each is published once it answers.
	 */
	@Test
	void aBrokerThatHangsHoldsUpNoOneAndEverythingIsPublishedOnceItAnswers() {
		var api = StaffApi.admin(port);
		String phone = TestPhones.next();
		String clientId = StaffApi.enrol(api, "Jude", phone);

		kafka.freeze();
		try {
			long started = System.nanoTime();
			var sms = new TwilioRequests(port).sms(phone, "I want to end it all", TwilioRequests.sid());
			assertThat(sms.getBody()).contains("988");
			var checkIn = api.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("clientId", clientId, "craving", 2)).retrieve().toEntity(String.class);
			assertThat(checkIn.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("neither waits on the broker")
				.isLessThan(Duration.ofSeconds(3));
		}
		finally {
			kafka.thaw();
		}

		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(TopicRecords
			.all(kafka.bootstrapServers(), Topics.CHECKINS).stream().filter(record -> clientId.equals(record.key()))
			.map(record -> EventJson.read(record.value(), CheckInReceived.class).crisis()))
			.containsExactlyInAnyOrder(true, false));
	}

	/**
	 * The read models wait out the database: an alert and a delivery arrive while PostgreSQL is down for longer
	 * than a listener's retries used to last (7.5 s, then the dead-letter topic); both are in the read models once
	 * it is back, and nothing was dead-lettered.
	 */
	@Test
	void theReadModelsWaitOutTheDatabaseAndDropNothing() throws Exception {
		var api = StaffApi.admin(port);
		String clientId = StaffApi.enrol(api, "Lee", TestPhones.next());
		var alert = app.lantern.events.AlertEvent.of(java.util.UUID.randomUUID(), clientId,
				app.lantern.events.AlertType.HIGH_CRAVING, app.lantern.events.Severity.HIGH, 1,
				app.lantern.events.AlertState.RAISED, "rule", java.time.Instant.now(), null, java.time.Instant.now());
		var delivery = new app.lantern.events.DeliveryEvent(java.util.UUID.randomUUID(), java.time.Instant.now(),
				app.lantern.events.DeliveryEvent.SCHEMA_VERSION, java.util.UUID.randomUUID(), clientId, alert.alertId(),
				alert.type(), 1, "contact-1", app.lantern.events.ContactChannel.SMS, "consent-1",
				app.lantern.events.DeliveryStatus.SENT, null, null, app.lantern.events.DeliveryKind.ALERT);

		postgres.stop();
		try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(
				Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
				new org.apache.kafka.common.serialization.StringSerializer(),
				new org.apache.kafka.common.serialization.StringSerializer())) {
			producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.ALERTS, clientId,
					EventJson.writeString(alert))).get();
			producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.DELIVERIES, clientId,
					EventJson.writeString(delivery))).get();
			var meanwhile = api.get().uri("/api/alerts?clientId={id}", clientId).retrieve().toEntity(String.class);
			assertThat(meanwhile.getStatusCode()).as("a clear answer, not a bare 500")
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(meanwhile.getHeaders().getFirst("Retry-After")).isEqualTo("5");
			assertThat(meanwhile.getHeaders().getContentType().toString()).startsWith("application/problem+json");
			await("the database away longer than the old retries").during(Duration.ofSeconds(12))
				.atMost(Duration.ofSeconds(15))
				.until(() -> TopicRecords.all(kafka.bootstrapServers(), Topics.deadLetter(Topics.ALERTS)).isEmpty()
						&& TopicRecords.all(kafka.bootstrapServers(), Topics.deadLetter(Topics.DELIVERIES)).isEmpty());
		}
		finally {
			postgres.start();
		}

		// (the first request after the restart may meet a pooled connection the restart broke: ask again)
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
			assertThat(api.get().uri("/api/alerts?clientId={id}", clientId).retrieve().body(List.class)).hasSize(1);
			assertThat(api.get().uri("/api/disclosures?clientId={id}", clientId).retrieve().body(List.class))
				.hasSize(1);
		});
		assertThat(TopicRecords.all(kafka.bootstrapServers(), Topics.deadLetter(Topics.ALERTS))).isEmpty();
		assertThat(TopicRecords.all(kafka.bootstrapServers(), Topics.deadLetter(Topics.DELIVERIES))).isEmpty();
	}

	private void answeredWithCrisisResources(String phone, String link) {
		long started = System.nanoTime();
		var sms = new TwilioRequests(port).sms(phone, "I can't go on, I want to overdose", TwilioRequests.sid());
		assertThat(sms.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(sms.getBody()).contains("988").contains("911");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered while Twilio still waits")
			.isLessThan(Duration.ofSeconds(10));

		var help = askForHelp(link);
		assertThat(help.getBody()).contains("988").contains("911");
	}

	/** The page's "I need help now", as a browser posts it (the page opens without the database). */
	private ResponseEntity<String> askForHelp(String link) {
		var form = StaffApi.anonymous(port).get().uri("/c/{t}", link).retrieve().toEntity(String.class);
		assertThat(form.getStatusCode()).as("the page opens without the database").isEqualTo(HttpStatus.OK);
		return askForHelp(link, form.getBody());
	}

	/** "I need help now" on the page {@code form} (as it was served). */
	private ResponseEntity<String> askForHelp(String link, String form) {
		RestClient browser = StaffApi.anonymous(port);
		var body = new LinkedMultiValueMap<String, String>();
		body.add("proof", field(form, "proof"));
		body.add("submission", field(form, "submission") + "-help");
		body.add("crisis", "true");
		var help = browser.post().uri("/c/{t}", link).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(body)
			.retrieve().toEntity(String.class);
		assertThat(help.getStatusCode()).isEqualTo(HttpStatus.OK);
		return help;
	}

	private void recordedAndPublishedOnce(String clientId) {
		// the probe's own query may meet the pool while it is still reconnecting to the restarted server
		await().atMost(Duration.ofSeconds(60))
			.ignoreException(org.springframework.jdbc.CannotGetJdbcConnectionException.class)
			.untilAsserted(() -> {
			assertThat(jdbc.sql("select channel from check_in where client_id = ?::uuid and crisis order by channel")
				.param(clientId).query(String.class).list()).containsExactly("SMS", "WEB");
			assertThat(TopicRecords.all(kafka.bootstrapServers(), Topics.CHECKINS).stream()
				.filter(record -> clientId.equals(record.key()))
				.map(record -> EventJson.read(record.value(), CheckInReceived.class)))
				.hasSize(2)
				.allSatisfy(checkIn -> assertThat(checkIn.crisis()).isTrue());
		});
		// and it stays so: the spool is empty, nothing is stored or published again
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql(
				"select count(*) from check_in where client_id = ?::uuid").param(clientId).query(Integer.class).single() == 2);
	}

	private String checkInLink(String clientId, RestClient api) {
		Map<?, ?> rotated = api.post().uri("/api/clients/{id}/link/rotate", clientId).retrieve().body(Map.class);
		String url = (String) rotated.get("checkinUrl");
		return url.substring(url.lastIndexOf('/') + 1);
	}

	private static String field(String page, String name) {
		Matcher value = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(page);
		assertThat(value.find()).as(name).isTrue();
		return value.group(1);
	}
}
