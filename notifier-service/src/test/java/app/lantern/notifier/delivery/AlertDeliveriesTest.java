package app.lantern.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.ClientMessage;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.ContactChannel;
import app.lantern.events.ContactInvitation;
import app.lantern.events.ContactRole;
import app.lantern.events.DeliveryEvent;
import app.lantern.events.DeliveryStatus;
import app.lantern.events.EventJson;
import app.lantern.events.Severity;
import app.lantern.events.SuppressionReason;
import app.lantern.events.Topics;
import app.lantern.testsupport.LanternInfrastructure;
import app.lantern.testsupport.SharedInfrastructure;
import app.lantern.testsupport.TopicRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The notifier on the real broker and PostgreSQL, with the sandbox outbox as its channel. */
@SpringBootTest
@LanternInfrastructure
class AlertDeliveriesTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	@Autowired
	app.lantern.notifier.profiles.ProfileView profiles;

	@Test
	void aConsentedSponsorIsToldOnceEvenWhenTheAlertIsDeliveredTwice() throws Exception {
		String clientId = "c-" + UUID.randomUUID();
		var consent = new ClientProfile.Consent(UUID.randomUUID().toString(), Set.of(AlertType.CRISIS), "care",
				Instant.now().minusSeconds(60), null, null, null);
		var sponsor = contact("s-" + UUID.randomUUID(), "+12025550161", Set.of(ContactChannel.SMS), List.of(consent));
		var uncle = contact("u-" + UUID.randomUUID(), "+12025550162", Set.of(ContactChannel.SMS), List.of());
		AlertEvent alert = AlertEvent.of(UUID.randomUUID(), clientId, AlertType.CRISIS, Severity.CRITICAL, 1,
				AlertState.RAISED, "crisis words", Instant.now(), null, Instant.now());

		publish(Topics.CLIENT_PROFILES, clientId, EventJson.writeString(profile(clientId, List.of(sponsor, uncle))));
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from client_profile where client_id = ?")
			.param(clientId).query(Integer.class).single() == 1);
		publish(Topics.ALERTS, clientId, EventJson.writeString(alert));
		publish(Topics.ALERTS, clientId, EventJson.writeString(alert));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			List<DeliveryEvent> deliveries = TopicRecords.all(Topics.DELIVERIES).stream()
				.filter(record -> clientId.equals(record.key()))
				.map(record -> EventJson.read(record.value(), DeliveryEvent.class))
				.toList();
			assertThat(deliveries).filteredOn(event -> event.reason() != SuppressionReason.DUPLICATE).hasSize(2);
			assertThat(deliveries).filteredOn(event -> event.reason() == SuppressionReason.DUPLICATE)
				.as("the redelivered alert is logged as a duplicate for each recipient").hasSize(2);
			assertThat(deliveries).filteredOn(event -> event.recipient().equals(sponsor.id())
					&& event.reason() != SuppressionReason.DUPLICATE).singleElement()
				.satisfies(event -> {
					assertThat(event.status()).isEqualTo(DeliveryStatus.SENT);
					assertThat(event.consentId()).isEqualTo(consent.id());
				});
			assertThat(deliveries).filteredOn(event -> event.recipient().equals(uncle.id())
					&& event.reason() != SuppressionReason.DUPLICATE).singleElement()
				.satisfies(event -> assertThat(event.status()).isEqualTo(DeliveryStatus.SUPPRESSED));
		});
		List<Map<String, Object>> sent = jdbc.sql("select address, body from sandbox_message where address in (?, ?)")
			.params("+12025550161", "+12025550162").query().listOfRows();
		assertThat(sent).singleElement().satisfies(row -> {
			assertThat(row.get("address")).isEqualTo("+12025550161");
			assertThat((String) row.get("body")).contains("Jordan asked for help urgently").contains("42 CFR Part 2");
		});
	}

	/**
	 * An alert that comes before its client's profile waits for it — never dead-lettered, never holding up another
	 * client's alert — and goes once the profile arrives, however late.
	 */
	@Test
	void anAlertThatComesBeforeItsProfileWaitsForItWhileOthersGoOn() throws Exception {
		String early = "c-" + UUID.randomUUID();
		AlertEvent alert = AlertEvent.of(UUID.randomUUID(), early, AlertType.CRISIS, Severity.CRITICAL, 1,
				AlertState.RAISED, "crisis words", Instant.now(), null, Instant.now());
		publish(Topics.ALERTS, early, EventJson.writeString(alert));
		String other = clientWithAConsentedSponsor("+12025550181");
		publish(Topics.ALERTS, other, EventJson.writeString(AlertEvent.of(UUID.randomUUID(), other,
				AlertType.CRISIS, Severity.CRITICAL, 1, AlertState.RAISED, "crisis words", Instant.now(), null,
				Instant.now())));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(sandboxMessagesTo("+12025550181")).as("another client's alert goes on").isEqualTo(1);
			assertThat(meters.get("lantern.deliveries.waiting").tag("cause", "profile").gauge().value())
				.as("counted while it waits").isGreaterThanOrEqualTo(1);
		});
		// the profile comes well after the listener's retries would have given up (about 7.5 s)
		await().during(Duration.ofSeconds(9)).atMost(Duration.ofSeconds(12)).until(() -> jdbc
			.sql("select count(*) from waiting_alert where alert_id = ?").param(alert.alertId()).query(Integer.class)
			.single() == 1);
		var consent = new ClientProfile.Consent(UUID.randomUUID().toString(), Set.of(AlertType.values()), "care",
				Instant.now().minusSeconds(60), null, null, null);
		publish(Topics.CLIENT_PROFILES, early, EventJson.writeString(profile(early,
				List.of(contact("s-" + UUID.randomUUID(), "+12025550182", Set.of(ContactChannel.SMS), List.of(consent))))));

		await().atMost(Duration.ofSeconds(20)).until(() -> sandboxMessagesTo("+12025550182") == 1);
		assertThat(TopicRecords.all(Topics.deadLetter(Topics.ALERTS)).stream().filter(record -> early.equals(record.key())))
			.as("never dead-lettered").isEmpty();
	}

	/**
	 * An alert raised by a check-in carries the profile version the check-in was accepted under: a consent revoked
	 * before the check-in is honoured even when the alert reaches the notifier before the revocation does.
	 */
	@Test
	void anAlertWaitsForTheProfileItsCheckInWasAcceptedUnder() throws Exception {
		String clientId = "c-" + UUID.randomUUID();
		var consent = new ClientProfile.Consent(UUID.randomUUID().toString(), Set.of(AlertType.values()), "care",
				Instant.now().minusSeconds(60), null, null, null);
		var sponsor = contact("s-" + UUID.randomUUID(), "+12025550183", Set.of(ContactChannel.SMS), List.of(consent));
		publish(Topics.CLIENT_PROFILES, clientId, EventJson.writeString(profile(clientId, List.of(sponsor))));
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from client_profile where client_id = ?")
			.param(clientId).query(Integer.class).single() == 1);
		AlertEvent alert = AlertEvent.of(UUID.randomUUID(), clientId, AlertType.HIGH_CRAVING, Severity.HIGH, 1,
				AlertState.RAISED, "rule", Instant.now(), UUID.randomUUID(), Instant.now()).underProfile(2L);

		publish(Topics.ALERTS, clientId, EventJson.writeString(alert));
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> sandboxMessagesTo("+12025550183") == 0);
		var revoked = new ClientProfile.Consent(consent.id(), consent.alertTypes(), consent.purpose(), consent.givenAt(),
				null, null, Instant.now());
		ClientProfile v1 = profile(clientId, List.of(sponsor));
		ClientProfile v2 = new ClientProfile(UUID.randomUUID(), Instant.now(), 1, clientId, 2, v1.displayName(),
				v1.phone(), v1.status(), v1.timezone(), v1.schedule(), v1.cravingThreshold(), v1.smsOptedOut(),
				v1.enrolledAt(), List.of(contact(sponsor.id(), sponsor.phone(), Set.of(ContactChannel.SMS),
						List.of(revoked))));
		publish(Topics.CLIENT_PROFILES, clientId, EventJson.writeString(v2));

		await().atMost(Duration.ofSeconds(20)).until(() -> "SUPPRESSED NO_CONSENT".equals(jdbc
			.sql("select status || ' ' || reason from delivery where subject_id = ?").param(alert.alertId())
			.query(String.class).optional().orElse(null)));
		assertThat(sandboxMessagesTo("+12025550183")).isZero();
	}

	/**
	 * The last look's memory: the newest version this instance recorded of a client whose partition it holds —
	 * a profile read again (older than the one held) never makes it go back.
	 */
	@Test
	void theNewestVersionRecordedHereNeverGoesBack() throws Exception {
		String clientId = clientWithAConsentedSponsor("+12025550184");
		ClientProfile v1 = profile(clientId, List.of());
		ClientProfile v2 = new ClientProfile(UUID.randomUUID(), Instant.now(), 1, clientId, 2, v1.displayName(),
				v1.phone(), v1.status(), v1.timezone(), v1.schedule(), v1.cravingThreshold(), v1.smsOptedOut(),
				v1.enrolledAt(), List.of());
		publish(Topics.CLIENT_PROFILES, clientId, EventJson.writeString(v2));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> profiles.versionRecordedHere(clientId).orElse(-2) == 2);

		publish(Topics.CLIENT_PROFILES, clientId, EventJson.writeString(v1));
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from client_profile where client_id = ? and version = 2").param(clientId)
			.query(Integer.class).single() == 1);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
			.until(() -> profiles.versionRecordedHere(clientId).orElse(-2) == 2);
	}

	private int sandboxMessagesTo(String address) {
		return jdbc.sql("select count(*) from sandbox_message where address = ?").param(address).query(Integer.class)
			.single();
	}

	/** A client whose one contact, by SMS at this number, may be told of every kind of alert; held by the notifier. */
	private String clientWithAConsentedSponsor(String phone) {
		String clientId = "c-" + UUID.randomUUID();
		var consent = new ClientProfile.Consent(UUID.randomUUID().toString(), Set.of(AlertType.values()), "care",
				Instant.now().minusSeconds(60), null, null, null);
		var sponsor = contact("s-" + UUID.randomUUID(), phone, Set.of(ContactChannel.SMS), List.of(consent));
		try {
			publish(Topics.CLIENT_PROFILES, clientId, EventJson.writeString(profile(clientId, List.of(sponsor))));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from client_profile where client_id = ?")
			.param(clientId).query(Integer.class).single() == 1);
		return clientId;
	}

	/** A delivery is counted under its client's programme, a team's board; the client is in no label. */
	@Test
	void aDeliveryIsCountedUnderItsClientsProgramme() throws Exception {
		String clientId = "c-" + UUID.randomUUID();
		String phone = "+12025550169";
		var consent = new ClientProfile.Consent("k-1", Set.of(AlertType.HIGH_CRAVING), "support",
				Instant.now().minusSeconds(3600), null, null, null);
		ClientProfile plain = profile(clientId, List.of(contact("s-1", phone, Set.of(ContactChannel.SMS), List.of(consent))));
		publish(Topics.CLIENT_PROFILES, clientId, EventJson.writeString(new ClientProfile(plain.eventId(),
				plain.occurredAt(), 1, clientId, 1, plain.displayName(), plain.phone(), plain.status(), plain.timezone(),
				plain.schedule(), 8, false, plain.enrolledAt(), plain.contacts(), "riverside")));
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from client_profile where client_id = ?")
			.param(clientId).query(Integer.class).single() == 1);

		publish(Topics.ALERTS, clientId, EventJson.writeString(AlertEvent.of(UUID.randomUUID(), clientId,
				AlertType.HIGH_CRAVING, Severity.HIGH, 1, AlertState.RAISED, "rule", Instant.now(), null, Instant.now())));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(meters.find("lantern.deliveries")
			.tags("programme", "riverside", "kind", "ALERT", "status", "SENT", "channel", "SMS").counter())
			.isNotNull().satisfies(counter -> assertThat(counter.count()).isEqualTo(1.0)));
		assertThat(meters.getMeters()).noneMatch(meter -> meter.getId().getTags().toString().contains(clientId));
	}

	@Test
	void theTimeFromTheCheckInToTheSendIsMeasured() throws Exception {
		String clientId = clientWithAConsentedSponsor("+12025550168");
		Instant checkInReceived = Instant.now().minusSeconds(40);

		publish(Topics.ALERTS, clientId, EventJson.writeString(AlertEvent.of(UUID.randomUUID(), clientId,
				AlertType.HIGH_CRAVING, Severity.HIGH, 1, AlertState.RAISED, "rule", checkInReceived, UUID.randomUUID(),
				Instant.now())));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			var timer = meters.find("lantern.alerts.end.to.end").tags("trigger", "checkin", "channel", "SMS").timer();
			assertThat(timer).isNotNull();
			assertThat(timer.max(java.util.concurrent.TimeUnit.SECONDS)).isBetween(40.0, 80.0);
		});
	}

	@Test
	void aMalformedAlertGoesToTheDeadLetterTopicAndTheNextOneIsStillDelivered() throws Exception {
		String clientId = clientWithAConsentedSponsor("+12025550163");

		publish(Topics.ALERTS, clientId, "{\"alertId\": \"broken\"}");
		publish(Topics.ALERTS, clientId, EventJson.writeString(AlertEvent.of(UUID.randomUUID(), clientId,
				AlertType.MISSED_CHECKIN, Severity.MEDIUM, 1, AlertState.RAISED, "missed", Instant.now(), null,
				Instant.now())));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(TopicRecords.all(Topics.deadLetter(Topics.ALERTS)).stream()
				.filter(record -> clientId.equals(record.key()))).hasSize(1);
			assertThat(jdbc.sql("select count(*) from sandbox_message where address = ?").param("+12025550163")
				.query(Integer.class).single()).isEqualTo(1);
		});
	}

	@Test
	void whenAMissedCheckInResolvesThoseWhoWereToldHearAllClear() throws Exception {
		String clientId = "c-" + UUID.randomUUID();
		var consent = new ClientProfile.Consent(UUID.randomUUID().toString(), Set.of(AlertType.MISSED_CHECKIN), "care",
				Instant.now().minusSeconds(60), null, null, null);
		var sponsor = contact("s-" + UUID.randomUUID(), "+12025550164", Set.of(ContactChannel.SMS), List.of(consent));
		var stranger = contact("x-" + UUID.randomUUID(), "+12025550165", Set.of(ContactChannel.SMS), List.of());
		publish(Topics.CLIENT_PROFILES, clientId, EventJson.writeString(profile(clientId, List.of(sponsor, stranger))));
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from client_profile where client_id = ?")
			.param(clientId).query(Integer.class).single() == 1);
		AlertEvent missed = AlertEvent.of(UUID.randomUUID(), clientId, AlertType.MISSED_CHECKIN, Severity.MEDIUM, 1,
				AlertState.RAISED, "missed", Instant.now(), null, Instant.now());

		publish(Topics.ALERTS, clientId, EventJson.writeString(missed));
		publish(Topics.ALERTS, clientId, EventJson.writeString(missed.resolved("the client checked in", true,
				Instant.now())));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
				"select body from sandbox_message where address = ? order by id").param("+12025550164").query(String.class)
			.list()).hasSize(2).last().asString().startsWith("Lantern: Jordan has checked in. All clear"));
		assertThat(jdbc.sql("select count(*) from sandbox_message where address = ?").param("+12025550165")
			.query(Integer.class).single()).as("only those who were told hear the all clear").isZero();
	}

	/** Resolved by staff, or by a check-in that was itself a concern: never "all clear", to anyone. */
	@Test
	void aMissedCheckInResolvedOtherwiseThanByACalmCheckInSendsNoAllClear() throws Exception {
		String clientId = "c-" + UUID.randomUUID();
		var consent = new ClientProfile.Consent(UUID.randomUUID().toString(), Set.of(AlertType.MISSED_CHECKIN), "care",
				Instant.now().minusSeconds(60), null, null, null);
		var sponsor = contact("s-" + UUID.randomUUID(), "+12025550169", Set.of(ContactChannel.SMS), List.of(consent));
		publish(Topics.CLIENT_PROFILES, clientId, EventJson.writeString(profile(clientId, List.of(sponsor))));
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from client_profile where client_id = ?")
			.param(clientId).query(Integer.class).single() == 1);
		AlertEvent byStaff = AlertEvent.of(UUID.randomUUID(), clientId, AlertType.MISSED_CHECKIN, Severity.MEDIUM, 1,
				AlertState.RAISED, "missed", Instant.now(), null, Instant.now());
		AlertEvent byACrisis = AlertEvent.of(UUID.randomUUID(), clientId, AlertType.MISSED_CHECKIN, Severity.MEDIUM, 1,
				AlertState.RAISED, "missed", Instant.now(), null, Instant.now());

		publish(Topics.ALERTS, clientId, EventJson.writeString(byStaff));
		publish(Topics.ALERTS, clientId, EventJson.writeString(byStaff.resolved("resolved by staff", false, Instant.now())));
		publish(Topics.ALERTS, clientId, EventJson.writeString(byACrisis));
		publish(Topics.ALERTS, clientId, EventJson.writeString(
				byACrisis.resolved("the client checked in, with a concern", false, Instant.now())));

		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from delivery where subject_id in (?, ?) and kind = 'ALERT' and status = 'SENT'")
			.params(byStaff.alertId(), byACrisis.alertId()).query(Integer.class).single() == 2);
		// the resolutions came after the alerts on the client's partition: once the alerts are sent, a wrong
		// all clear would have been decided too; give it the same time again to show up
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql(
				"select count(*) from delivery where kind = 'ALL_CLEAR' and client_id = ?").param(clientId)
			.query(Integer.class).single() == 0);
		assertThat(jdbc.sql("select body from sandbox_message where address = ?").param("+12025550169")
			.query(String.class).list()).hasSize(2).noneMatch(body -> body.contains("All clear"));
	}

	/** The invitation names the client, so it carries the Part 2 notice; a number that texted STOP is not asked. */
	@Test
	void anInvitationCarriesThePart2NoticeAndSkipsANumberThatTextedStop() throws Exception {
		String clientId = "c-" + UUID.randomUUID();
		var asked = contact("i-" + UUID.randomUUID(), "+12025550176", Set.of(), List.of());
		var stopped = new ClientProfile.SupportContact("o-" + UUID.randomUUID(), "Lee", ContactRole.FRIEND,
				"+12025550177", null, Set.of(ContactChannel.SMS), 1, ZoneId.of("America/New_York"), null, false, Set.of(),
				true, List.of());
		publish(Topics.CLIENT_PROFILES, clientId, EventJson.writeString(profile(clientId, List.of(asked, stopped))));
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from client_profile where client_id = ?")
			.param(clientId).query(Integer.class).single() == 1);

		publish(Topics.CONTACT_INVITATIONS, clientId, EventJson.writeString(ContactInvitation.of(clientId, asked.id(),
				ContactChannel.SMS, null, Instant.now())));
		publish(Topics.CONTACT_INVITATIONS, clientId, EventJson.writeString(ContactInvitation.of(clientId, stopped.id(),
				ContactChannel.SMS, null, Instant.now())));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(jdbc.sql("select body from sandbox_message where address = ?").param("+12025550176")
				.query(String.class).list()).singleElement().asString()
				.contains("Jordan added you as a support contact").contains("Reply YES")
				.contains("Federal law (42 CFR Part 2) prohibits further disclosure of this information.");
			assertThat(jdbc.sql("select status || ':' || reason from delivery where recipient = ?").param(stopped.id())
				.query(String.class).list()).containsExactly("SUPPRESSED:OPTED_OUT");
		});
		assertThat(jdbc.sql("select count(*) from sandbox_message where address = ?").param("+12025550177")
			.query(Integer.class).single()).isZero();
	}

	/**
	 * The evening note (the test's evening starts at midnight): a contact who replied DAILY, under a consent to
	 * CHECKED_IN_DIGEST, gets one "checked in today" on a day the client checked in — one, however many check-ins
	 * and looks; a contact who said DAILY OFF gets none, nor one without that consent (suppressed, and logged).
	 */
	@Test
	void aContactWhoAskedForTheEveningNoteGetsOneADayAndOnlyUnderItsConsent() throws Exception {
		String clientId = "c-" + UUID.randomUUID();
		Instant now = Instant.now();
		var digestConsent = List.of(new ClientProfile.Consent("k-" + UUID.randomUUID(),
				Set.of(AlertType.CHECKED_IN_DIGEST), "reassurance", now, null, null, null));
		var crisisOnly = List.of(new ClientProfile.Consent("k-" + UUID.randomUUID(), Set.of(AlertType.CRISIS), "care",
				now, null, null, null));
		var wants = digestContact("wants", "+12025550193", digestConsent, true);
		var off = digestContact("off", "+12025550194", digestConsent, false);
		var unconsented = digestContact("unconsented", "+12025550196", crisisOnly, true);
		publish(Topics.CLIENT_PROFILES, clientId, EventJson.writeString(profile(clientId, List.of(wants, off, unconsented))));
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from client_profile where client_id = ?")
			.param(clientId).query(Integer.class).single() == 1);

		for (int i = 0; i < 2; i++) {
			publish(Topics.CHECKINS, clientId, EventJson.writeString(app.lantern.events.CheckInReceived.of(UUID.randomUUID(),
					clientId, app.lantern.events.CheckInChannel.SMS, 3, null, false, null, false, Instant.now())));
		}

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(sentTo("+12025550193"))
			.containsExactly("Lantern: Jordan checked in today. Reply DAILY OFF to stop these notes. Federal law (42 CFR "
					+ "Part 2) prohibits further disclosure of this information."));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.sql(
				"select reason from delivery where client_id = ? and kind = 'DIGEST' and recipient = 'unconsented'")
			.param(clientId).query(String.class).list()).containsExactly("NO_CONSENT"));
		// several more looks (every 500 ms here): still one note
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(sentTo("+12025550193")).hasSize(1);
			assertThat(sentTo("+12025550194")).isEmpty();
			assertThat(sentTo("+12025550196")).isEmpty();
		});
	}

	private List<String> sentTo(String phone) {
		return jdbc.sql("select body from sandbox_message where address = ?").param(phone).query(String.class).list();
	}

	private static ClientProfile.SupportContact digestContact(String id, String phone, List<ClientProfile.Consent> consents,
			boolean digest) {
		return new ClientProfile.SupportContact(id, "Sam", ContactRole.SPONSOR, phone, null, Set.of(ContactChannel.SMS), 1,
				ZoneId.of("America/New_York"), null, false, Set.of(ContactChannel.SMS), false, consents, digest);
	}

	/** A Spanish-speaking client's reminder, and their Spanish-speaking contact's alert, in Spanish. */
	@Test
	void aSpanishSpeakingClientAndContactAreWrittenToInSpanish() throws Exception {
		String clientId = "c-" + UUID.randomUUID();
		Instant now = Instant.now();
		var consent = new ClientProfile.Consent("k-" + UUID.randomUUID(), Set.of(AlertType.values()), "apoyo", now, null,
				null, null);
		var ana = new ClientProfile.SupportContact("ana", "Ana", ContactRole.FAMILY, "+12025550197", null,
				Set.of(ContactChannel.SMS), 1, ZoneId.of("America/New_York"), null, true, Set.of(ContactChannel.SMS), false,
				List.of(consent), false, "es");
		var profile = new ClientProfile(UUID.randomUUID(), now, 1, clientId, 1, "Lucía", "+12025550198", ClientStatus.ACTIVE,
				ZoneId.of("America/New_York"), new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 30, now), 8,
				false, now, List.of(ana), null, null, "es");
		publish(Topics.CLIENT_PROFILES, clientId, EventJson.writeString(profile));
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from client_profile where client_id = ?")
			.param(clientId).query(Integer.class).single() == 1);

		publish(Topics.CLIENT_MESSAGES, clientId, EventJson.writeString(new ClientMessage(UUID.randomUUID(), now, 1,
				UUID.randomUUID(), clientId, ClientMessage.Kind.CHECKIN_REMINDER, now.plusSeconds(1800))));
		publish(Topics.ALERTS, clientId, EventJson.writeString(AlertEvent.of(UUID.randomUUID(), clientId,
				AlertType.MISSED_CHECKIN, Severity.MEDIUM, 1, AlertState.RAISED, "missed", now, null, now)));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(sentTo("+12025550198")).containsExactly(
					"Lantern: es hora de reportarse. Responda con su ansia de 0 a 10, por ejemplo 7, o 7 ánimo 3.");
			assertThat(sentTo("+12025550197")).singleElement().asString()
				.startsWith("Lantern: Lucía no se reportó a tiempo a las ")
				.contains("Responda OK si se encarga").contains("42 CFR Parte 2");
		});
	}

	/** The ladder's last nudge reads as one: short, asking for a number. */
	@Test
	void aNudgeOfTheLadderAsksIfTheClientIsStillThere() throws Exception {
		String client = "c-" + UUID.randomUUID();
		publish(Topics.CLIENT_PROFILES, client, EventJson.writeString(profile(client, "+12025550189", false)));
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from client_profile where client_id = ?")
			.param(client).query(Integer.class).single() == 1);

		publish(Topics.CLIENT_MESSAGES, client, EventJson.writeString(new ClientMessage(UUID.randomUUID(), Instant.now(), 1,
				UUID.randomUUID(), client, ClientMessage.Kind.CHECKIN_NUDGE, Instant.now())));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc
			.sql("select body from sandbox_message where address = ?").param("+12025550189").query(String.class).list())
			.containsExactly("Lantern: still there? Reply with a number 0-10, like 7."));
	}

	/**
	 * An appointment's reminder and question name its kind and its time in the client's zone, never its title; the
	 * same message delivered twice (the same id, from the occurrence) is sent once.
	 */
	@Test
	void anAppointmentsReminderAndQuestionNameItsKindAndTimeOnlyAndGoOnce() throws Exception {
		String client = "c-" + UUID.randomUUID();
		publish(Topics.CLIENT_PROFILES, client, EventJson.writeString(profile(client, "+12025550118", false)));
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from client_profile where client_id = ?")
			.param(client).query(Integer.class).single() == 1);
		Instant starts = Instant.parse("2026-12-08T00:00:00Z"); // 19:00 on the 7th in New York
		UUID reminder = UUID.randomUUID();
		for (int twice = 0; twice < 2; twice++) {
			publish(Topics.CLIENT_MESSAGES, client, EventJson.writeString(ClientMessage.appointment(reminder, client,
					ClientMessage.Kind.APPOINTMENT_REMINDER, "MEETING", starts, Instant.now())));
		}
		publish(Topics.CLIENT_MESSAGES, client, EventJson.writeString(ClientMessage.appointment(UUID.randomUUID(), client,
				ClientMessage.Kind.APPOINTMENT_QUESTION, "MEDICATION", starts, Instant.now())));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc
			.sql("select body from sandbox_message where address = ? order by id").param("+12025550118")
			.query(String.class).list())
			.containsExactly("Lantern: a reminder of your meeting at 7:00 PM.",
					"Lantern: did you take your medication due at 7:00 PM? Reply Y or N."));
	}

	@Test
	void aReminderGoesToTheClientUnlessTheyTextedStop() throws Exception {
		String active = "c-" + UUID.randomUUID();
		String stopped = "c-" + UUID.randomUUID();
		publish(Topics.CLIENT_PROFILES, active, EventJson.writeString(profile(active, "+12025550166", false)));
		publish(Topics.CLIENT_PROFILES, stopped, EventJson.writeString(profile(stopped, "+12025550167", true)));
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
				"select count(*) from client_profile where client_id in (?, ?)").params(active, stopped)
			.query(Integer.class).single() == 2);

		for (String client : List.of(active, stopped)) {
			publish(Topics.CLIENT_MESSAGES, client, EventJson.writeString(new ClientMessage(UUID.randomUUID(), Instant.now(),
					1, UUID.randomUUID(), client, ClientMessage.Kind.CHECKIN_REMINDER, Instant.now().plusSeconds(1800))));
		}

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(jdbc.sql("select body from sandbox_message where address = ?").param("+12025550166")
				.query(String.class).list()).singleElement().asString().startsWith("Lantern: time to check in");
			assertThat(jdbc.sql("select reason from delivery where client_id = ? and kind = 'REMINDER'").param(stopped)
				.query(String.class).list()).containsExactly("OPTED_OUT");
		});
		assertThat(jdbc.sql("select count(*) from sandbox_message where address = ?").param("+12025550167")
			.query(Integer.class).single()).isZero();
	}

	/**
	 * The welcome (CTIA's opt-in confirmation) may come before the profile that introduces the client: it waits
	 * for it, then goes once, with the programme, the link, how to text, and STOP/HELP.
	 */
	@Test
	void aWelcomeWaitsForItsClientsProfileThenGoesOnceWithTheLink() throws Exception {
		String client = "c-" + UUID.randomUUID();
		ClientMessage welcome = ClientMessage.welcome(client, "https://lantern.example/c/secret-token", "Eastside Recovery",
				Instant.now());
		publish(Topics.CLIENT_MESSAGES, client, EventJson.writeString(welcome));
		publish(Topics.CLIENT_MESSAGES, client, EventJson.writeString(welcome));
		publish(Topics.CLIENT_PROFILES, client, EventJson.writeString(profile(client, "+12025550191", false)));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc
			.sql("select body from sandbox_message where address = ?").param("+12025550191").query(String.class).list())
			.singleElement().asString()
			.contains("Eastside Recovery", "https://lantern.example/c/secret-token", "Reply HELP", "STOP"));
	}

	/**
	 * The link in a welcome is the client's private key to their page: once the welcome is out, the notifier's
	 * stored copy keeps the text without the link's token (only the phone — here the sandbox outbox — has it).
	 */
	@Test
	void aSentWelcomeIsKeptWithoutTheLinksToken() throws Exception {
		String client = "c-" + UUID.randomUUID();
		publish(Topics.CLIENT_PROFILES, client, EventJson.writeString(profile(client, "+12025550193", false)));
		publish(Topics.CLIENT_MESSAGES, client, EventJson.writeString(ClientMessage.welcome(client,
				"https://lantern.example/c/Kq3-private_token", "Eastside Recovery", Instant.now())));

		await().atMost(Duration.ofSeconds(30)).until(() -> jdbc
			.sql("select count(*) from delivery where client_id = ? and kind = 'WELCOME' and status = 'SENT'")
			.param(client).query(Integer.class).single() == 1);

		assertThat(jdbc.sql("select body || ' ' || event from delivery where client_id = ? and kind = 'WELCOME'")
			.param(client).query(String.class).single())
			.contains("https://lantern.example/c/(link not kept)", "Eastside Recovery")
			.doesNotContain("Kq3-private_token");
	}

	/**
	 * An erased client's tombstone clears the notifier's every copy of their personal data — addresses, message
	 * bodies, the causes kept for a resend, the sandbox's copies — and keeps the fact of each disclosure.
	 */
	@Test
	void anErasedClientsAddressesAndMessagesAreGoneAndTheFactOfEachDisclosureStays() throws Exception {
		String client = clientWithAConsentedSponsor("+12025550192");
		publish(Topics.ALERTS, client, EventJson.writeString(AlertEvent.of(UUID.randomUUID(), client, AlertType.CRISIS,
				Severity.CRITICAL, 1, AlertState.RAISED, "crisis words", Instant.now(), null, Instant.now())));
		await().atMost(Duration.ofSeconds(20)).until(() -> sandboxMessagesTo("+12025550192") == 1);

		publish(Topics.CLIENT_PROFILES, client, null);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(sandboxMessagesTo("+12025550192")).isZero();
			assertThat(jdbc.sql("select count(*) from client_profile where client_id = ?").param(client)
				.query(Integer.class).single()).isZero();
			assertThat(jdbc.sql("""
					select count(*) from delivery where client_id = ?
					  and (address is not null or body is not null or subject is not null or event is not null)""")
				.param(client).query(Integer.class).single()).isZero();
		});
		assertThat(jdbc.sql("select status, consent_id from delivery where client_id = ? and kind = 'ALERT'").param(client)
			.query().listOfRows()).as("the fact of the disclosure is kept").singleElement()
			.satisfies(row -> {
				assertThat(row.get("status")).isEqualTo("SENT");
				assertThat(row.get("consent_id")).isNotNull();
			});
	}

	private static ClientProfile profile(String clientId, String phone, boolean optedOut) {
		Instant now = Instant.now();
		return new ClientProfile(UUID.randomUUID(), now, 1, clientId, 1, "Jordan", phone, ClientStatus.ACTIVE,
				ZoneId.of("America/New_York"), new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 30, now), 8,
				optedOut, now, List.of());
	}

	private static void publish(String topic, String key, String value) throws Exception {
		try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, key, value)).get();
		}
	}

	private static ClientProfile.SupportContact contact(String id, String phone, Set<ContactChannel> confirmed,
			List<ClientProfile.Consent> consents) {
		return new ClientProfile.SupportContact(id, "Sam", ContactRole.SPONSOR, phone, null, Set.of(ContactChannel.SMS),
				1, ZoneId.of("America/New_York"), null, false, confirmed, false, consents);
	}

	private static ClientProfile profile(String clientId, List<ClientProfile.SupportContact> contacts) {
		Instant now = Instant.now();
		return new ClientProfile(UUID.randomUUID(), now, 1, clientId, 1, "Jordan", "+12025550160", ClientStatus.ACTIVE,
				ZoneId.of("America/New_York"), new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 30, now), 8,
				false, now, contacts);
	}
}
