package app.lantern.notifier.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
import app.lantern.events.DeliveryEvent;
import app.lantern.events.DeliveryStatus;
import app.lantern.events.EventJson;
import app.lantern.events.Severity;
import app.lantern.events.SmsStatus;
import app.lantern.events.SuppressionReason;
import app.lantern.events.Topics;
import app.lantern.notifier.delivery.steps.Messages;
import app.lantern.notifier.delivery.steps.RetryPolicy;
import app.lantern.testsupport.LanternInfrastructure;
import app.lantern.testsupport.MovableClock;
import app.lantern.testsupport.SharedInfrastructure;
import app.lantern.testsupport.TopicRecords;
import app.lantern.testsupport.TwilioDouble;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The notifier with the real Twilio SDK against WireMock standing in for Twilio's API, and GreenMail as the
 * SMTP server: outages retried without double sends or holding up others, quiet hours, receipts.
 */
@SpringBootTest
@LanternInfrastructure
class TwilioDeliveriesTest {

	/** The notifier's clock: a test moves it past a bound instead of waiting it out. */
	@TestConfiguration(proxyBeanMethods = false)
	static class MovedTime {

		@Bean
		MovableClock clock() {
			return new MovableClock();
		}
	}

	@Autowired
	MovableClock clock;

	private static final String SID = "AC00000000000000000000000000000002";

	private static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";

	static final WireMockServer twilio = TwilioDouble.start(16);

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@DynamicPropertySource
	static void outsideWorld(DynamicPropertyRegistry registry) {
		registry.add("lantern.twilio.account-sid", () -> SID);
		registry.add("lantern.twilio.auth-token", () -> "token");
		registry.add("lantern.twilio.from", () -> "+12025550100");
		registry.add("lantern.twilio.api-base-url", () -> "http://localhost:" + twilio.port());
		// a double of Twilio's API is allowed in the sandbox only
		registry.add("lantern.sandbox", () -> "true");
		registry.add("spring.mail.host", () -> "localhost");
		registry.add("spring.mail.port", () -> ServerSetupTest.SMTP.getPort());
		registry.add("lantern.retries.backoff", () -> "1s");
		registry.add("lantern.retries.max-backoff", () -> "10s");
		registry.add("lantern.retries.poll", () -> "200ms");
		registry.add("lantern.delivery.outage-rest", () -> "5s");
		registry.add("lantern.twilio.timeout", () -> "2s");
		// one SMS at a time: a send waits its turn behind a slow one (the last look at consent is made then)
		registry.add("lantern.delivery.concurrency", () -> "1");
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	@BeforeEach
	void twilioAnswers() {
		twilio.resetAll();
		TwilioDouble.listFromWhatWasTaken(twilio);
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(TwilioDouble.taken()));
	}

	@Test
	void twilioAnswering500ForTenSecondsYieldsExactlyOneSmsAndHoldsUpNoOneElse() throws Exception {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json").withBody("{\"code\":20500,\"message\":\"down\",\"status\":500}")));
		String clientId = "c-" + UUID.randomUUID();
		var sms = contact("sms-" + UUID.randomUUID(), "+12025550171", null, ContactChannel.SMS, null);
		var email = contact("mail-" + UUID.randomUUID(), null, "friend@example.org", ContactChannel.EMAIL, null);
		publishProfile(clientId, List.of(sms, email));
		AlertEvent alert = alert(clientId, AlertType.HIGH_CRAVING);

		publish(Topics.ALERTS, clientId, EventJson.writeString(alert));

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(smtp.getReceivedMessages())
			.as("the e-mail contact is told while Twilio is down").hasSize(1));
		// back-off 1 s doubling: tries at about 0, 1, 3 and 7 s (the policy's table test covers the long run)
		Instant outageEnds = Instant.now().plus(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(outageEnds));
		int failedCalls = posts();
		assertThat(failedCalls).as("retried during the outage, with back-off").isBetween(3, 6);
		assertThat(status(alert, sms.id())).isEqualTo("QUEUED");

		twilio.resetAll();
		TwilioDouble.listFromWhatWasTaken(twilio);
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(TwilioDouble.taken()));
		await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(status(alert, sms.id())));

		// and it stays one: no late retry sends it again
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> posts() == 1);
		twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
	}

	@Test
	void quietHoursDeferAHighCravingAndLetACrisisThrough() throws Exception {
		String clientId = "c-" + UUID.randomUUID();
		LocalTime nowUtc = LocalTime.now(clock);
		var quiet = new ClientProfile.QuietHours(nowUtc.minusHours(1), nowUtc.plusHours(1));
		var sleeper = contact("q-" + UUID.randomUUID(), "+12025550172", null, ContactChannel.SMS, quiet);
		publishProfile(clientId, List.of(sleeper));
		AlertEvent craving = alert(clientId, AlertType.HIGH_CRAVING);
		AlertEvent crisis = alert(clientId, AlertType.CRISIS);

		publish(Topics.ALERTS, clientId, EventJson.writeString(craving));
		publish(Topics.ALERTS, clientId, EventJson.writeString(crisis));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(status(crisis, sleeper.id())).isEqualTo("SENT");
			assertThat(status(craving, sleeper.id())).isEqualTo("QUEUED");
			assertThat(deliveries(clientId)).anySatisfy(event -> {
				assertThat(event.alertId()).isEqualTo(craving.alertId());
				assertThat(event.reason()).isEqualTo(SuppressionReason.QUIET_HOURS_DEFERRED);
			});
		});
		Instant waitsUntil = jdbc.sql("select next_attempt_at from delivery where subject_id = ?")
			.param(craving.alertId()).query(java.sql.Timestamp.class).single().toInstant();
		assertThat(waitsUntil).isCloseTo(Instant.now().plus(Duration.ofHours(1)), org.assertj.core.api.Assertions
			.within(2, java.time.temporal.ChronoUnit.MINUTES));
		twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
	}

	@Test
	void aDeliveryReceiptMovesTheDeliveryToDelivered() throws Exception {
		String clientId = "c-" + UUID.randomUUID();
		var contact = contact("r-" + UUID.randomUUID(), "+12025550173", null, ContactChannel.SMS, null);
		publishProfile(clientId, List.of(contact));
		AlertEvent alert = alert(clientId, AlertType.CRISIS);
		publish(Topics.ALERTS, clientId, EventJson.writeString(alert));
		await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(status(alert, contact.id())));
		UUID delivery = jdbc.sql("select id from delivery where subject_id = ?").param(alert.alertId())
			.query(UUID.class).single();

		publish(Topics.SMS_STATUS, delivery.toString(), EventJson.writeString(new SmsStatus(UUID.randomUUID(),
				Instant.now(), 1, delivery, "SM123", "delivered", null)));

		await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERED".equals(status(alert, contact.id())));
	}

	@Test
	void anInvalidNumberFallsBackToTheContactsEmail() throws Exception {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}")));
		String clientId = "c-" + UUID.randomUUID();
		var consent = new ClientProfile.Consent(UUID.randomUUID().toString(), Set.of(AlertType.values()), "care",
				Instant.now().minusSeconds(60), null, null, null);
		var both = new ClientProfile.SupportContact("b-" + UUID.randomUUID(), "Sam", ContactRole.SPONSOR, "+12025550174",
				"sam.fallback@example.org", Set.of(ContactChannel.SMS), 1, ZoneOffset.UTC, null, false,
				Set.of(ContactChannel.SMS, ContactChannel.EMAIL), false, List.of(consent));
		publishProfile(clientId, List.of(both));
		AlertEvent alert = alert(clientId, AlertType.MISSED_CHECKIN);

		publish(Topics.ALERTS, clientId, EventJson.writeString(alert));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(jdbc.sql("select channel || ':' || status from delivery where subject_id = ? order by created_at")
				.param(alert.alertId()).query(String.class).list()).containsExactly("SMS:FAILED", "EMAIL:SENT");
			assertThat(java.util.Arrays.stream(smtp.getReceivedMessages()).map(message -> {
				try {
					return message.getAllRecipients()[0].toString();
				}
				catch (Exception ex) {
					return "";
				}
			})).contains("sam.fallback@example.org");
		});
		twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
	}

	/**
	 * A delivery that waits — for a retry after Twilio failed, or for the end of the contact's quiet hours — is
	 * decided again on the newest profile when its time comes: a consent revoked or a STOP texted meanwhile
	 * suppresses it, the suppression is in the disclosure log, and Twilio hears nothing more.
	 */
	@ParameterizedTest(name = "{1} while it waits for {0}")
	@CsvSource(textBlock = """
			a retry,       the consent revoked, NO_CONSENT
			a retry,       STOP from the number, OPTED_OUT
			quiet hours,   the consent revoked, NO_CONSENT
			quiet hours,   STOP from the number, OPTED_OUT
			""")
	void aChangeWhileADeliveryWaitsSuppressesIt(String waitingFor, String change, SuppressionReason reason)
			throws Exception {
		boolean retry = waitingFor.equals("a retry");
		if (retry) {
			twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)
				.withHeader("Content-Type", "application/json").withBody("{\"code\":20003,\"status\":503}")));
		}
		String clientId = "c-" + UUID.randomUUID();
		LocalTime nowUtc = LocalTime.now(clock);
		var quiet = retry ? null : new ClientProfile.QuietHours(nowUtc.minusHours(1), nowUtc.plusSeconds(8));
		var contact = contact("w-" + UUID.randomUUID(), "+12025550175", null, ContactChannel.SMS, quiet);
		publishProfile(clientId, 1, List.of(contact));
		AlertEvent alert = alert(clientId, AlertType.HIGH_CRAVING);
		publish(Topics.ALERTS, clientId, EventJson.writeString(alert));
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from delivery where subject_id = ? and status = 'QUEUED' and next_attempt_at is not null")
			.param(alert.alertId()).query(Integer.class).single() == 1);

		var consent = contact.consents().get(0);
		var changed = change.startsWith("STOP") ? new ClientProfile.SupportContact(contact.id(), contact.name(),
				contact.role(), contact.phone(), null, contact.channels(), 1, contact.timezone(), quiet, false,
				contact.confirmedChannels(), true, contact.consents())
				: new ClientProfile.SupportContact(contact.id(), contact.name(), contact.role(), contact.phone(), null,
						contact.channels(), 1, contact.timezone(), quiet, false, contact.confirmedChannels(), false,
						List.of(new ClientProfile.Consent(consent.id(), consent.alertTypes(), consent.purpose(),
								consent.givenAt(), null, null, Instant.now())));
		publishProfile(clientId, 2, List.of(changed));
		twilio.resetAll();
		TwilioDouble.listFromWhatWasTaken(twilio);
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(TwilioDouble.taken()));

		await().atMost(Duration.ofSeconds(30)).until(() -> "SUPPRESSED".equals(status(alert, contact.id())));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(deliveries(clientId))
			.anySatisfy(event -> {
				assertThat(event.status()).isEqualTo(DeliveryStatus.SUPPRESSED);
				assertThat(event.reason()).isEqualTo(reason);
			}));
		twilio.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES)));
	}

	/**
	 * Twilio takes the message and its answer never comes (a read time-out): before the retry the notifier asks
	 * Twilio's list of messages to the number, finds it, and records it SENT — one SMS, not two.
	 */
	@Test
	void aMessageTwilioTookWithoutAnsweringIsFoundInItsListAndNotSentAgain() throws Exception {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(TwilioDouble.taken().withFixedDelay(4_000)));
		String clientId = "c-" + UUID.randomUUID();
		var contact = contact("t-" + UUID.randomUUID(), "+12025550176", null, ContactChannel.SMS, null);
		publishProfile(clientId, List.of(contact));
		AlertEvent alert = alert(clientId, AlertType.CRISIS);

		publish(Topics.ALERTS, clientId, EventJson.writeString(alert));

		await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(status(alert, contact.id())));
		assertThat(jdbc.sql("select detail from delivery where subject_id = ?").param(alert.alertId())
			.query(String.class).single()).contains("earlier, unanswered attempt");
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> posts() == 1);
		twilio.verify(getRequestedFor(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo("+12025550176")));
	}

	/**
	 * Twilio takes a crisis SMS and its answer never comes, and its list of messages cannot be read either (down, or
	 * an API key without rights to it): the message waits — not sent again while no one can tell whether it went —
	 * but not for ever: two minutes on (the clock moved), it is sent once more, counted, and recorded SENT.
	 */
	@Test
	void aCrisisWhoseOutcomeNoOneCanTellIsSentOnceMoreAfterTwoMinutes() throws Exception {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(TwilioDouble.taken().withFixedDelay(4_000)));
		twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json").withBody("{\"code\":20500,\"message\":\"down\",\"status\":500}")));
		double unsureBefore = meters.counter("lantern.deliveries.sent.unsure", "channel", "SMS", "type", "CRISIS").count();
		String clientId = "c-" + UUID.randomUUID();
		var contact = contact("u-" + UUID.randomUUID(), "+12025550179", null, ContactChannel.SMS, null);
		publishProfile(clientId, List.of(contact));
		AlertEvent alert = alert(clientId, AlertType.CRISIS);

		publish(Topics.ALERTS, clientId, EventJson.writeString(alert));

		await().atMost(Duration.ofSeconds(20)).until(() -> twilio
			.findAll(getRequestedFor(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo("+12025550179"))).size() >= 2);
		assertThat(posts()).as("not sent again while no one can tell whether it went").isEqualTo(1);
		assertThat(status(alert, contact.id())).isEqualTo("QUEUED");

		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(TwilioDouble.taken()));
		clock.advance(RetryPolicy.UNSURE_CRISIS);

		await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(status(alert, contact.id())));
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> posts() == 2);
		assertThat(meters.counter("lantern.deliveries.sent.unsure", "channel", "SMS", "type", "CRISIS").count())
			.isEqualTo(unsureBefore + 1);
	}

	/**
	 * Twilio refuses Lantern's credentials (rotated): no message is given up for it. The channel rests, the
	 * operator's counter moves, and once the credentials work again the alert goes, once.
	 */
	@Test
	void refusedCredentialsRestTheChannelAndFailNoMessage() throws Exception {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}")));
		double refusedBefore = meters.counter("lantern.channel.credentials.refused", "channel", "SMS").count();
		String clientId = "c-" + UUID.randomUUID();
		var contact = contact("k-" + UUID.randomUUID(), "+12025550177", null, ContactChannel.SMS, null);
		publishProfile(clientId, List.of(contact));
		AlertEvent alert = alert(clientId, AlertType.CRISIS);

		publish(Topics.ALERTS, clientId, EventJson.writeString(alert));

		await().atMost(Duration.ofSeconds(20)).until(() -> meters
			.counter("lantern.channel.credentials.refused", "channel", "SMS").count() > refusedBefore);
		assertThat(status(alert, contact.id())).as("waits; never FAILED for the account's fault").isEqualTo("QUEUED");
		assertThat(jdbc.sql("select attempts from delivery where subject_id = ?").param(alert.alertId())
			.query(Integer.class).single()).as("no attempt of the message spent").isZero();

		twilio.resetAll();
		TwilioDouble.listFromWhatWasTaken(twilio);
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(TwilioDouble.taken()));
		await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(status(alert, contact.id())));
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> posts() == 1);
	}

	/**
	 * Consent at the instant of send: a send decided under a consent waits its turn behind a slow one; the
	 * consent is revoked meanwhile; when its turn comes it is looked at again and suppressed. Twilio never
	 * hears of it.
	 */
	@Test
	void aConsentRevokedWhileASendWaitsItsTurnStopsItRightBeforeItLeaves() throws Exception {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).withRequestBody(containing("To=%2B12025550178"))
			.willReturn(TwilioDouble.taken().withFixedDelay(1_800)));
		String slowClient = "c-" + UUID.randomUUID();
		var slowContact = contact("s-" + UUID.randomUUID(), "+12025550178", null, ContactChannel.SMS, null);
		publishProfile(slowClient, List.of(slowContact));
		String clientId = "c-" + UUID.randomUUID();
		var contact = contact("v-" + UUID.randomUUID(), "+12025550179", null, ContactChannel.SMS, null);
		publishProfile(clientId, 1, List.of(contact));
		AlertEvent slow = alert(slowClient, AlertType.CRISIS);
		AlertEvent alert = alert(clientId, AlertType.CRISIS);

		publish(Topics.ALERTS, slowClient, EventJson.writeString(slow));
		await().atMost(Duration.ofSeconds(20)).until(() -> twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))
			.withRequestBody(containing("To=%2B12025550178"))).size() == 1);
		publish(Topics.ALERTS, clientId, EventJson.writeString(alert));
		await().atMost(Duration.ofSeconds(20)).until(() -> "QUEUED".equals(status(alert, contact.id())));
		var consent = contact.consents().get(0);
		publishProfile(clientId, 2, List.of(new ClientProfile.SupportContact(contact.id(), contact.name(),
				contact.role(), contact.phone(), null, contact.channels(), 1, contact.timezone(), null, false,
				contact.confirmedChannels(), false, List.of(new ClientProfile.Consent(consent.id(),
						consent.alertTypes(), consent.purpose(), consent.givenAt(), null, null, Instant.now())))));

		await().atMost(Duration.ofSeconds(20)).until(() -> "SUPPRESSED".equals(status(alert, contact.id())));
		assertThat(jdbc.sql("select reason || ' ' || detail from delivery where subject_id = ?")
			.param(alert.alertId()).query(String.class).single()).isEqualTo("NO_CONSENT at the moment of sending");
		await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(status(slow, slowContact.id())));
		twilio.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(containing("To=%2B12025550179")));
	}

	private int posts() {
		return twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).size();
	}

	private String status(AlertEvent alert, String recipient) {
		return jdbc.sql("select status from delivery where subject_id = ? and recipient = ? and channel = 'SMS'")
			.params(alert.alertId(), recipient).query(String.class).optional().orElse(null);
	}

	private static List<DeliveryEvent> deliveries(String clientId) {
		return TopicRecords.all(Topics.DELIVERIES).stream().filter(record -> clientId.equals(record.key()))
			.map(record -> EventJson.read(record.value(), DeliveryEvent.class)).toList();
	}

	private void publishProfile(String clientId, List<ClientProfile.SupportContact> contacts) throws Exception {
		publishProfile(clientId, 1, contacts);
	}

	/** Publishes a profile and waits until the notifier holds this version of it. */
	private void publishProfile(String clientId, long version, List<ClientProfile.SupportContact> contacts)
			throws Exception {
		Instant now = Instant.now();
		publish(Topics.CLIENT_PROFILES, clientId, EventJson.writeString(new ClientProfile(UUID.randomUUID(), now, 1,
				clientId, version, "Jordan", "+12025550170", ClientStatus.ACTIVE, ZoneId.of("America/New_York"),
				new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 30, now), 8, false, now, contacts)));
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from client_profile where client_id = ? and version = ?")
			.params(clientId, version).query(Integer.class).single() == 1);
	}

	private static ClientProfile.SupportContact contact(String id, String phone, String email, ContactChannel channel,
			ClientProfile.QuietHours quiet) {
		var consent = new ClientProfile.Consent(UUID.randomUUID().toString(), Set.of(AlertType.values()), "care",
				Instant.now().minusSeconds(60), null, null, null);
		return new ClientProfile.SupportContact(id, "Sam", ContactRole.SPONSOR, phone, email, Set.of(channel), 1,
				ZoneOffset.UTC, quiet, false, Set.of(channel), false, List.of(consent));
	}

	private static AlertEvent alert(String clientId, AlertType type) {
		return AlertEvent.of(UUID.randomUUID(), clientId, type, Severity.HIGH, 1, AlertState.RAISED, "test",
				Instant.now(), null, Instant.now());
	}

	private static void publish(String topic, String key, String value) throws Exception {
		try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, key, value)).get();
		}
	}
}
