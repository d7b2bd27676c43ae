package app.lantern.checkin.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.events.AlertAction;
import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryEvent;
import app.lantern.events.DeliveryKind;
import app.lantern.events.DeliveryStatus;
import app.lantern.events.EventJson;
import app.lantern.events.Severity;
import app.lantern.events.Topics;
import app.lantern.testsupport.TopicRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

@CheckinServiceTest
class SmsWebhookTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	RestClient api;

	TwilioRequests twilio;

	String clientId;

	String clientPhone;

	@BeforeEach
	void enrol() {
		api = StaffApi.admin(port);
		twilio = new TwilioRequests(port);
		clientPhone = phone();
		clientId = StaffApi.enrol(api, "Jordan", clientPhone);
	}

	@Test
	void aCravingAndMoodBecomeACheckInAndAConfirmation() {
		var answer = twilio.sms(clientPhone, "7 mood 3 long day", sid());

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_XML)).isTrue();
		assertThat(answer.getBody()).contains("<Response><Message>Thanks, got it.");
		assertThat(checkIns()).singleElement().satisfies(row -> {
			assertThat(row).containsEntry("channel", "SMS").containsEntry("craving", 7).containsEntry("mood", 3)
				.containsEntry("note", "long day").containsEntry("crisis", false);
		});
	}

	@Test
	void aHighCravingIsAnsweredWithTheClientsOwnCopingPlan() {
		assertThat(twilio.sms(clientPhone, "9", sid()).getBody()).contains("Your plan: 1) Call my sponsor");
	}

	@Test
	void crisisWordsGetCrisisResourcesAtOnceAndACrisisCheckIn() {
		String reply = twilio.sms(clientPhone, "I can't go on", sid()).getBody();

		assertThat(reply).contains("988").contains("911").contains("naloxone");
		assertThat(checkIns()).singleElement().satisfies(row -> assertThat(row).containsEntry("crisis", true)
			.containsEntry("craving", null));
	}

	@Test
	void somethingElseGetsAFriendlyExampleAndRecordsNothing() {
		String reply = twilio.sms(clientPhone, "what do I do here", sid()).getBody();

		assertThat(reply).contains("like 7, or 7 mood 3");
		assertThat(checkIns()).isEmpty();
	}

	@Test
	void helpNamesTheProgrammeAndTheCrisisLine() {
		assertThat(twilio.sms(clientPhone, "HELP", sid()).getBody()).contains("988").contains("STOP");
	}

	@Test
	void stopIsStoredConfirmedOnceAndShownInTheProfileUntilStart() {
		assertThat(twilio.sms(clientPhone, "STOP", sid()).getBody()).contains("no more texts");
		assertThat(jdbc.sql("select count(*) from opt_out where phone = ?").param(clientPhone).query(Integer.class)
			.single()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(20)).until(() -> latestProfile().smsOptedOut());

		assertThat(twilio.sms(clientPhone, "START", sid()).getBody()).contains("Welcome back");
		assertThat(jdbc.sql("select count(*) from opt_out where phone = ?").param(clientPhone).query(Integer.class)
			.single()).isZero();
		await().atMost(Duration.ofSeconds(20)).until(() -> !latestProfile().smsOptedOut());
	}

	/**
	 * AWAY 2: the away is stored, audited, published in the profile (alert-service holds the missed check-ins and
	 * tells staff) and confirmed with its end in the client's zone; staff see it and can end it; BACK ends it too.
	 */
	@Test
	void awayIsTheClientsOwnPauseWithinTheProgrammesMaximumAndBackOrStaffEndIt() {
		java.time.Instant before = java.time.Instant.now();
		String reply = twilio.sms(clientPhone, "AWAY 2", sid()).getBody();

		assertThat(reply).contains("No check-ins needed until").contains("Text BACK").contains("988");
		java.time.Instant until = jdbc.sql("select away_until from client where id = ?::uuid").param(clientId)
			.query(java.sql.Timestamp.class).single().toInstant();
		assertThat(until).isBetween(before.plus(Duration.ofDays(2)), java.time.Instant.now().plus(Duration.ofDays(2)));
		await().atMost(Duration.ofSeconds(20)).until(() -> until.equals(latestProfile().awayUntil()));
		assertThat(jdbc.sql("select count(*) from audit_event where client_id = ?::uuid and action = 'AWAY_STARTED'")
			.param(clientId).query(Integer.class).single()).isEqualTo(1);
		assertThat(api.get().uri("/api/clients/{id}", clientId).retrieve().body(Map.class))
			.containsKey("awayUntil");
		assertThat(checkIns()).isEmpty();

		// staff end it; a second end finds nothing to end
		assertThat(api.delete().uri("/api/clients/{id}/away", clientId).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		await().atMost(Duration.ofSeconds(20)).until(() -> latestProfile().awayUntil() == null);
		org.springframework.http.HttpStatusCode again = api.delete().uri("/api/clients/{id}/away", clientId)
			.exchange((request, response) -> response.getStatusCode());
		assertThat(again).isEqualTo(HttpStatus.NOT_FOUND);

		// the client goes again, and comes back early
		twilio.sms(clientPhone, "away 1", sid());
		assertThat(twilio.sms(clientPhone, "BACK", sid()).getBody()).contains("Welcome back");
		assertThat(jdbc.sql("select away_until from client where id = ?::uuid").param(clientId)
			.query(java.sql.Timestamp.class).optional()).isEmpty();
	}

	@Test
	void awayPastTheProgrammesMaximumIsRefusedKindlyAndChangesNothing() {
		long version = latestProfile().version();

		for (String body : new String[] { "AWAY 4", "away 0", "away" }) {
			assertThat(twilio.sms(clientPhone, body, sid()).getBody()).as(body).contains("from 1 to 3, like AWAY 2");
		}

		assertThat(jdbc.sql("select away_until from client where id = ?::uuid").param(clientId)
			.query(java.sql.Timestamp.class).optional()).isEmpty();
		assertThat(latestProfile().version()).isEqualTo(version);
		assertThat(twilio.sms(clientPhone, "BACK", sid()).getBody()).contains("not marked away");
	}

	/**
	 * A client enrolled in Spanish, and their contact: every reply in Spanish, the grammar read in Spanish, the English
	 * keywords still honoured; the profile carries both languages for the notifier.
	 */
	@Test
	void aSpanishSpeakingClientAndContactAreAnsweredInSpanish() {
		String phone = phone();
		var body = new java.util.HashMap<>(StaffApi.enrolment("Lucía", phone));
		body.put("language", "es");
		String id = (String) api.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
			.body(Map.class).get("id");

		assertThat(twilio.sms(phone, "7 ánimo 3", sid()).getBody()).contains("Gracias, recibido");
		assertThat(twilio.sms(phone, "9", sid()).getBody()).contains("momento difícil").contains("Call my sponsor");
		assertThat(twilio.sms(phone, "ayuda", sid()).getBody()).contains("marque 2").contains("AYUDA al 988");
		assertThat(twilio.sms(phone, "no puedo más", sid()).getBody()).contains("No está solo").contains("marque 2");
		assertThat(twilio.sms(phone, "hola", sid()).getBody()).contains("no entendimos");
		assertThat(twilio.sms(phone, "FUERA 9", sid()).getBody()).contains("de 1 a 3");
		assertThat(twilio.sms(phone, "STOP", sid()).getBody()).contains("No recibirá más mensajes");
		assertThat(jdbc.sql("select count(*) from check_in where client_id = ?::uuid and mood = 3").param(id)
			.query(Integer.class).single()).isEqualTo(1);

		String contactPhone = phone();
		smsContact(id, "Ana", "FAMILY", contactPhone);
		assertThat(twilio.sms(contactPhone, "Sí", sid()).getBody()).contains("Recibirá alertas de Lantern");
		assertThat(twilio.sms(contactPhone, "DIARIO", sid()).getBody()).contains("nota corta por la noche");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			var records = TopicRecords.all(Topics.CLIENT_PROFILES).stream().filter(record -> id.equals(record.key()))
				.toList();
			ClientProfile profile = EventJson.read(records.get(records.size() - 1).value(), ClientProfile.class);
			assertThat(profile.language()).isEqualTo("es");
			assertThat(profile.contacts()).singleElement().satisfies(contact -> {
				assertThat(contact.language()).as("the client's, as the contact has none of their own").isEqualTo("es");
				assertThat(contact.digest()).isTrue();
			});
		});
	}

	@Test
	void aLanguageThatIsNoLanguageCodeIsRefusedByName() {
		var body = new java.util.HashMap<>(StaffApi.enrolment("Lucía", phone()));
		body.put("language", "Spanish please");
		var answer = api.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON).body(body)
			.exchange((request, response) -> new String(response.getBody().readAllBytes()));
		assertThat(answer).contains("language").contains("en or es");
	}

	/** A confirmed contact turns the evening note on with DAILY and off with DAILY OFF; the profile says so. */
	@Test
	void aContactAsksForTheEveningNoteWithDailyAndStopsItWithDailyOff() {
		String contactPhone = phone();
		String contactId = smsContact(clientId, "Sam", "SPONSOR", contactPhone);
		twilio.sms(contactPhone, "YES", sid());

		assertThat(twilio.sms(contactPhone, "Daily", sid()).getBody()).contains("short evening note").contains("DAILY OFF");
		await().atMost(Duration.ofSeconds(20)).until(() -> latestProfile().contact(contactId)
			.map(ClientProfile.SupportContact::digest).orElse(false));

		assertThat(twilio.sms(contactPhone, "DAILY OFF", sid()).getBody()).contains("No more evening notes");
		await().atMost(Duration.ofSeconds(20)).until(() -> !latestProfile().contact(contactId).orElseThrow().digest());
		assertThat(jdbc.sql("select count(*) from audit_event where client_id = ?::uuid and action like 'CONTACT_DIGEST_%'")
			.param(clientId).query(Integer.class).single()).isEqualTo(2);
		// from the client's own number, DAILY means nothing
		assertThat(twilio.sms(clientPhone, "DAILY", sid()).getBody()).contains("did not catch that");
	}

	@Test
	void aContactRepliesYesToConfirmAndOkToAcknowledgeTheNewestAlertTheyWereToldAbout() throws Exception {
		String contactPhone = phone();
		String contactId = smsContact(clientId, "Sam", "SPONSOR", contactPhone);

		assertThat(twilio.sms(contactPhone, "yes", sid()).getBody()).contains("You will get Lantern alerts");
		assertThat(jdbc.sql("select sms_confirmed_at is not null from support_contact where id = ?::uuid")
			.param(contactId).query(Boolean.class).single()).isTrue();

		assertThat(twilio.sms(contactPhone, "OK", sid()).getBody()).contains("nothing open");

		AlertEvent alert = AlertEvent.of(UUID.randomUUID(), clientId, AlertType.MISSED_CHECKIN, Severity.MEDIUM, 1,
				AlertState.RAISED, "missed", Instant.now(), null, Instant.now());
		TopicRecords.publish(Topics.ALERTS, clientId, EventJson.writeString(alert));
		TopicRecords.publish(Topics.DELIVERIES, clientId, EventJson.writeString(new DeliveryEvent(UUID.randomUUID(), Instant.now(), 1,
				UUID.randomUUID(), clientId, alert.alertId(), AlertType.MISSED_CHECKIN, 1, contactId, ContactChannel.SMS,
				"consent", DeliveryStatus.SENT, null, null, DeliveryKind.ALERT)));
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from disclosure where alert_id = ?")
			.param(alert.alertId()).query(Integer.class).single() == 1
				&& jdbc.sql("select count(*) from alert where id = ?").param(alert.alertId()).query(Integer.class).single() == 1);

		assertThat(twilio.sms(contactPhone, "On it", sid()).getBody()).contains("Thank you for being on it");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TopicRecords.all(Topics.ALERT_ACTIONS)
			.stream().filter(record -> clientId.equals(record.key()))
			.map(record -> EventJson.read(record.value(), AlertAction.class)))
			.singleElement().satisfies(action -> {
				assertThat(action.alertId()).isEqualTo(alert.alertId());
				assertThat(action.actorKind()).isEqualTo(AlertAction.Actor.CONTACT);
				assertThat(action.actor()).isEqualTo(contactId);
			}));
	}

	@Test
	void stopFromANumberNoOneKnowsIsHonouredWhenThatNumberIsLaterAddedAsAContact() {
		String stranger = phone();
		assertThat(twilio.sms(stranger, "STOP", sid()).getBody()).contains("no more texts");
		assertThat(jdbc.sql("select count(*) from opt_out where phone = ?").param(stranger).query(Integer.class)
			.single()).isEqualTo(1);

		smsContact(clientId, "Kit", "FRIEND", stranger);

		// the notifier reads this flag before any invitation or alert to the number
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(latestProfile().contacts())
			.singleElement().satisfies(contact -> assertThat(contact.smsOptedOut()).isTrue()));
		assertThat(twilio.sms(stranger, "START", sid()).getBody()).contains("Welcome back");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(latestProfile().contacts())
			.singleElement().satisfies(contact -> assertThat(contact.smsOptedOut()).isFalse()));
	}

	@Test
	void aContactsStartLiftsAStopButOnlyYesConfirmsTheInvitation() {
		String contactPhone = phone();
		String contactId = smsContact(clientId, "Rae", "PEER", contactPhone);

		assertThat(twilio.sms(contactPhone, "START", sid()).getBody()).contains("Welcome back");
		assertThat(jdbc.sql("select sms_confirmed_at is null from support_contact where id = ?::uuid")
			.param(contactId).query(Boolean.class).single()).as("START is not a yes to the invitation").isTrue();

		assertThat(twilio.sms(contactPhone, "YES", sid()).getBody()).contains("You will get Lantern alerts");
		assertThat(jdbc.sql("select sms_confirmed_at is not null from support_contact where id = ?::uuid")
			.param(contactId).query(Boolean.class).single()).isTrue();
	}

	@Test
	void aDischargedClientsTextsAreAnsweredKindlyAndRecordNothing() {
		api.post().uri("/api/clients/{id}/status", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("status", "DISCHARGED")).retrieve().toBodilessEntity();

		assertThat(twilio.sms(clientPhone, "7", sid()).getBody()).contains("programme has ended").contains("988");
		assertThat(twilio.sms(clientPhone, "I took too much, overdose", sid()).getBody()).contains("988")
			.contains("911").doesNotContain("support team");
		assertThat(checkIns()).isEmpty();
	}

	@Test
	void anUnknownNumberGetsANeutralReplyThatRevealsNothing() {
		String reply = twilio.sms(phone(), "7", sid()).getBody();

		assertThat(reply).contains("do not recognise this number").doesNotContain("Jordan");
	}

	/**
	 * The key pressed in a call to staff is Twilio's word only when signed: forged or unsigned, 403; genuine but for
	 * no call Lantern made, or any key but 1, it acknowledges nothing (what it acknowledges, the system tests show).
	 */
	@Test
	void aKeypressThatIsForgedOrForNoCallAcknowledgesNothing() {
		String path = "/twilio/voice?d=" + UUID.randomUUID();
		var form = Map.of("Digits", "1", "CallSid", "CA" + UUID.randomUUID().toString().replace("-", ""));

		var forged = twilio.post(path, form, TwilioRequests.sign("http://localhost:8080" + path, form, "not-the-token"));
		var unsigned = twilio.post(path, form, null);
		var genuine = twilio.post(path, form, TwilioRequests.sign("http://localhost:8080" + path, form,
				TwilioRequests.AUTH_TOKEN));

		assertThat(List.of(forged.getStatusCode(), unsigned.getStatusCode())).containsOnly(HttpStatus.FORBIDDEN);
		assertThat(genuine.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(genuine.getBody()).contains("<Say>Nothing was acknowledged.");
	}

	@Test
	void aForgedOrUnsignedRequestIsRefusedAndChangesNothing() {
		int inbound = count("inbound_sms");
		var form = Map.of("From", clientPhone, "To", "+12025550100", "Body", "9", "MessageSid", sid());

		var forged = twilio.post("/twilio/sms", form, TwilioRequests.sign("http://localhost:8080/twilio/sms", form,
				"not-the-token"));
		var unsigned = twilio.post("/twilio/sms", form, null);
		var tampered = twilio.post("/twilio/sms", Map.of("From", clientPhone, "To", "+12025550100", "Body", "10",
				"MessageSid", form.get("MessageSid")), TwilioRequests.sign("http://localhost:8080/twilio/sms", form,
						TwilioRequests.AUTH_TOKEN));

		assertThat(List.of(forged.getStatusCode(), unsigned.getStatusCode(), tampered.getStatusCode()))
			.containsOnly(HttpStatus.FORBIDDEN);
		assertThat(checkIns()).isEmpty();
		assertThat(count("inbound_sms")).isEqualTo(inbound);
		// one genuine message after them: the topic is in order per client, so once it is there, anything the
		// forged ones had caused would be there too
		twilio.sms(clientPhone, "2", sid());
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TopicRecords.all(Topics.CHECKINS).stream()
			.filter(record -> clientId.equals(record.key()))
			.map(record -> EventJson.read(record.value(), app.lantern.events.CheckInReceived.class).craving()))
			.containsExactly(2));
	}

	/**
	 * Twilio's signature runs names and values together: a captured request cut again at other boundaries — the
	 * number moved into the MessageSid, or a value moved into a name of its own — verifies as the original did. A
	 * MessageSid that is not Twilio's (SM and 32 hex digits) and a name Twilio never sends are refused, so the
	 * re-cut request cannot pass as a new message.
	 */
	@Test
	void aCapturedSignedRequestCutAtOtherBoundariesIsRefusedAndRecordsNothingMore() {
		String url = "http://localhost:8080/twilio/sms";
		String messageSid = sid();
		Map<String, String> captured = Map.of("From", clientPhone, "To", "+12025550100", "Body", "6", "MessageSid",
				messageSid);
		String signature = TwilioRequests.sign(url, captured, TwilioRequests.AUTH_TOKEN);
		assertThat(twilio.post("/twilio/sms", captured, signature).getStatusCode()).isEqualTo(HttpStatus.OK);
		Map<String, String> sidRecut = Map.of("From", clientPhone, "Body", "6", "MessageSid",
				messageSid + "To+12025550100");
		Map<String, String> nameRecut = Map.of("From", clientPhone, "To", "+12025550100", "Body", "6", "MessageSi",
				"d" + messageSid);
		assertThat(List.of(TwilioRequests.sign(url, sidRecut, TwilioRequests.AUTH_TOKEN),
				TwilioRequests.sign(url, nameRecut, TwilioRequests.AUTH_TOKEN))).as("both still verify")
			.containsOnly(signature);

		var withAnotherSid = twilio.post("/twilio/sms", sidRecut, signature);
		var withAnotherName = twilio.post("/twilio/sms", nameRecut, signature);

		assertThat(withAnotherSid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(withAnotherName.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(checkIns()).as("the one genuine message, once").hasSize(1);
	}

	@Test
	void aCapturedSignedRequestWithRepeatedFieldsAddedIsRefusedAndInjectsNothing() {
		int inbound = count("inbound_sms");
		Map<String, String> signed = new java.util.TreeMap<>(Map.of("From", clientPhone, "To", "+12025550100", "Body",
				"3", "MessageSid", sid(), "AccountSid", "AC00000000000000000000000000000001", "NumMedia", "0"));
		String signature = TwilioRequests.sign("http://localhost:8080/twilio/sms", signed, TwilioRequests.AUTH_TOKEN);
		// the captured request, replayed with a second MessageSid and Body appended: its signature still matches
		// the first value of each field
		var body = new org.springframework.util.LinkedMultiValueMap<String, String>();
		signed.forEach(body::add);
		body.add("MessageSid", sid());
		body.add("Body", "overdose");

		var injected = twilio.post("/twilio/sms", body, signature);

		assertThat(injected.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(checkIns()).isEmpty();
		assertThat(count("inbound_sms")).isEqualTo(inbound);
	}

	@Test
	void aRetriedMessageSidGetsTheSameReplyAndRecordsNothingNew() {
		String messageSid = sid();
		String first = twilio.sms(clientPhone, "9", messageSid).getBody();
		String second = twilio.sms(clientPhone, "9", messageSid).getBody();

		assertThat(second).isEqualTo(first);
		assertThat(checkIns()).hasSize(1);
	}

	@Test
	void aDeliveryReceiptIsPassedOnKeyedByTheDeliveryId() {
		UUID delivery = UUID.randomUUID();
		var form = Map.of("MessageSid", "SM" + delivery.toString().replace("-", ""), "MessageStatus", "undelivered",
				"ErrorCode", "30003");
		var answer = twilio.post("/twilio/status?d=" + delivery, form,
				TwilioRequests.sign("http://localhost:8080/twilio/status?d=" + delivery, form, TwilioRequests.AUTH_TOKEN));

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TopicRecords.all(Topics.SMS_STATUS)
			.stream().filter(record -> delivery.toString().equals(record.key()))).hasSize(1));
		assertThat(twilio.post("/twilio/status?d=" + delivery, form, "forged").getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
	}

	private List<Map<String, Object>> checkIns() {
		return jdbc.sql("select channel, craving, mood, note, crisis from check_in where client_id = ?::uuid")
			.param(clientId).query().listOfRows();
	}

	private int count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
	}

	/** A contact of {@code client} reached by SMS; returns their id. */
	private String smsContact(String client, String name, String role, String contactPhone) {
		return (String) api.post().uri("/api/clients/{id}/contacts", client).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", name, "role", role, "phone", contactPhone, "channels", List.of("SMS")))
			.retrieve().body(Map.class).get("id");
	}

	/** The newest profile of the client on the topic (the enrolment's is relayed there shortly after it). */
	private ClientProfile latestProfile() {
		var records = await().atMost(Duration.ofSeconds(20)).until(() -> TopicRecords.all(Topics.CLIENT_PROFILES)
			.stream().filter(record -> clientId.equals(record.key())).toList(), found -> !found.isEmpty());
		return EventJson.read(records.get(records.size() - 1).value(), ClientProfile.class);
	}

	static String sid() {
		return "SM" + UUID.randomUUID().toString().replace("-", "");
	}

	static String phone() {
		return app.lantern.checkin.TestPhones.next();
	}
}
