package app.lantern.checkin.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.events.ClientMessage;
import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.ContactInvitation;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.testsupport.ConsoleBrowser;
import app.lantern.testsupport.TopicRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * Everything enrolment set can be changed afterwards, through the API and the console alike: each change is
 * checked as at enrolment, audited by field name (never value), and published as a new profile version.
 */
@CheckinServiceTest
class ClientEditingTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PausesEnding pauses;

	RestClient api;

	@BeforeEach
	void signIn() {
		api = StaffApi.admin(port);
	}

	@Test
	void aChangeOfThresholdAndCopingPlanIsPublishedAndAuditedWithoutItsValues() {
		String clientId = StaffApi.enrol(api, "Tamsin", TestPhones.next());

		var changed = api.patch().uri("/api/clients/{id}", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("cravingThreshold", 6, "copingPlan", List.of("Walk the dog", "Text Sam")))
			.retrieve().toEntity(Map.class);

		assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(changed.getBody()).containsEntry("cravingThreshold", 6)
			.containsEntry("copingPlan", List.of("Walk the dog", "Text Sam"));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(profiles(clientId))
			.last().satisfies(profile -> {
				assertThat(profile.version()).isEqualTo(2);
				assertThat(profile.cravingThreshold()).isEqualTo(6);
			}));
		assertThat(audit(clientId, "CLIENT_CHANGED")).containsExactly("cravingThreshold, copingPlan");
	}

	@Test
	void aWrongChangeNamesItsFieldsInPlainWordsAndChangesNothing() {
		String phone = TestPhones.next();
		String clientId = StaffApi.enrol(api, "Uma", phone);

		var refused = api.patch().uri("/api/clients/{id}", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("phone", "555", "timezone", "Mars/Olympus", "cravingThreshold", 12, "displayName", " "))
			.retrieve().toEntity(Map.class);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		assertThat(refused.getBody().toString()).contains("field=phone", "field=timezone", "field=cravingThreshold",
				"field=displayName", "(202) 555-0198").doesNotContain("E.164", "IANA");
		assertThat(jdbc.sql("select phone from client where id = ?::uuid").param(clientId).query(String.class).single())
			.isEqualTo(phone);
		assertThat(audit(clientId, "CLIENT_CHANGED")).isEmpty();
	}

	@Test
	void aContactIsChangedAndRemovedAndANewNumberMustOptInAgain() {
		String clientId = StaffApi.enrol(api, "Vik", TestPhones.next());
		String contactId = (String) api.post().uri("/api/clients/{id}/contacts", clientId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Sam", "role", "SPONSOR", "phone", TestPhones.next(), "channels", List.of("SMS")))
			.retrieve().body(Map.class).get("id");
		assertThat(api.post().uri("/api/clients/{id}/contacts/{c}/consents", clientId, contactId)
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("alertTypes", List.of("CRISIS"), "purpose", "support", "expiryEvent", "discharge from the programme"))
			.retrieve().toEntity(String.class)).satisfies(r -> assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.CREATED));
		assertThat(api.post().uri("/api/clients/{id}/contacts/{c}/opt-in", clientId, contactId)
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("channel", "SMS")).retrieve().toEntity(String.class))
			.satisfies(r -> assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.OK));
		String newNumber = "(202) 555-" + TestPhones.next().substring(8);

		var edited = api.put().uri("/api/clients/{id}/contacts/{c}", clientId, contactId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Sam B", "role", "SPONSOR", "phone", newNumber, "channels", List.of("SMS"), "tier", 1,
					"quietHours", Map.of("start", "22:00", "end", "07:00")))
			.retrieve().toEntity(Map.class);

		assertThat(edited.getStatusCode()).isEqualTo(HttpStatus.OK);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			ClientProfile.SupportContact sam = profiles(clientId).get(profiles(clientId).size() - 1).contact(contactId)
				.orElseThrow();
			assertThat(sam.name()).isEqualTo("Sam B");
			assertThat(sam.phone()).startsWith("+1202555");
			assertThat(sam.quietHours().start()).hasToString("22:00");
			assertThat(sam.confirmedChannels()).as("a new number opts in again").isEmpty();
			assertThat(TopicRecords.all(Topics.CONTACT_INVITATIONS).stream().filter(r -> clientId.equals(r.key()))
				.map(r -> EventJson.read(r.value(), ContactInvitation.class)).filter(i -> i.channel() == ContactChannel.SMS))
				.as("invited on the old number, then on the new one").hasSize(2);
		});

		assertThat(api.delete().uri("/api/clients/{id}/contacts/{c}", clientId, contactId).retrieve().toBodilessEntity()
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
				profiles(clientId).get(profiles(clientId).size() - 1).contacts()).isEmpty());
		assertThat(audit(clientId, "CONTACT_REMOVED")).hasSize(1);
	}

	@Test
	void aPauseWithADateEndsByItselfAndAPastDateIsRefused() {
		String clientId = StaffApi.enrol(api, "Wes", TestPhones.next());
		var past = api.post().uri("/api/clients/{id}/status", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("status", "PAUSED", "resumeOn", "2020-01-01")).retrieve().toEntity(Map.class);
		assertThat(past.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(past.getBody().toString()).contains("field=resumeOn");

		var paused = api.post().uri("/api/clients/{id}/status", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("status", "PAUSED", "resumeOn", "2099-01-01")).retrieve().toEntity(Map.class);
		assertThat(paused.getBody()).containsEntry("status", "PAUSED").containsEntry("resumeOn", "2099-01-01");

		// the day comes (in the client's zone)
		jdbc.sql("update client set resume_on = current_date - 1 where id = ?::uuid").param(clientId).update();
		pauses.resumeDuePauses();

		assertThat(api.get().uri("/api/clients/{id}", clientId).retrieve().body(Map.class)).containsEntry("status", "ACTIVE")
			.containsEntry("resumeOn", null);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(profiles(clientId))
			.extracting(profile -> profile.status().name()).containsSubsequence("PAUSED", "ACTIVE"));
	}

	@Test
	void theClientIsWelcomedWithTheirLinkAndANewLinkIsTextedOrShownAndAudited() {
		var enrolled = api.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(StaffApi.enrolment("Xan", TestPhones.next())).retrieve().body(Map.class);
		String clientId = (String) enrolled.get("id");

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(welcomes(clientId))
			.singleElement().satisfies(welcome -> {
				assertThat(welcome.checkinUrl()).isEqualTo(enrolled.get("checkinUrl"));
				assertThat(welcome.programmeName()).isEqualTo("Lantern");
			}));

		String rotated = (String) api.post().uri("/api/clients/{id}/link/rotate", clientId).retrieve().body(Map.class)
			.get("checkinUrl");
		String shown = (String) api.post().uri("/api/clients/{id}/link/show", clientId).retrieve().body(Map.class)
			.get("checkinUrl");

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(welcomes(clientId))
			.as("a rotated link is texted; a shown one is not").extracting(ClientMessage::checkinUrl)
			.containsExactly((String) enrolled.get("checkinUrl"), rotated));
		assertThat(shown).isNotEqualTo(rotated);
		assertThat(StaffApi.anonymous(port).get().uri(URI(rotated)).retrieve().toBodilessEntity().getStatusCode())
			.as("showing makes a new link: the texted one stops").isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(StaffApi.anonymous(port).get().uri(URI(shown)).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(jdbc.sql("select action from audit_event where client_id = ?::uuid and action like 'LINK_%' order by id")
			.param(clientId).query(String.class).list()).containsExactly("LINK_ROTATED", "LINK_SHOWN");
	}

	@Test
	void theConsoleChangesTheRecordThroughTheSameChecks() {
		String clientId = StaffApi.enrol(api, "Yael", TestPhones.next());
		ConsoleBrowser browser = ConsoleBrowser.signedIn(port, "admin", StaffApi.ADMIN_PASSWORD);
		String page = "/clients/" + clientId;

		var wrong = browser.postFrom(page, page + "/details", "cravingThreshold=11&phone=555");
		assertThat(browser.get(page).body()).as("the errors in words, nothing changed").contains("Nothing was changed")
			.contains("Craving alert level must be between 0 and 10").contains("Phone is not a phone number we can text");
		assertThat(wrong.statusCode()).isEqualTo(302);

		browser.postFrom(page, page + "/details", "cravingThreshold=5&copingPlan=" + ConsoleBrowser.encode("Breathe\nCall Sam"));
		browser.postFrom(page, page + "/status", "status=PAUSED&resumeOn=");
		String after = browser.get(page).body();
		assertThat(after).contains("5 or more").contains("<li>Breathe</li>").contains("Paused");
		assertThat(audit(clientId, "STATUS_CHANGED")).containsExactly("PAUSED");
	}

	/** A contact whose agreement staff heard in person before the consent is not sent an invitation they answered. */
	@Test
	void aContactAlreadyOptedInIsNotInvitedAgainOnThatChannel() {
		String clientId = StaffApi.enrol(api, "Ada", TestPhones.next());
		String contactId = (String) api.post().uri("/api/clients/{id}/contacts", clientId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Bo", "role", "FAMILY", "phone", TestPhones.next(), "email", "bo@example.org",
					"channels", List.of("SMS", "EMAIL")))
			.retrieve().body(Map.class).get("id");
		api.post().uri("/api/clients/{id}/contacts/{c}/opt-in", clientId, contactId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("channel", "SMS")).retrieve().toBodilessEntity();

		api.post().uri("/api/clients/{id}/contacts/{c}/consents", clientId, contactId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("alertTypes", List.of("CRISIS"), "purpose", "support", "expiryEvent", "discharge from the programme"))
			.retrieve().toBodilessEntity();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TopicRecords.all(Topics.CONTACT_INVITATIONS)
			.stream().filter(r -> clientId.equals(r.key())).map(r -> EventJson.read(r.value(), ContactInvitation.class))
			.map(ContactInvitation::channel)).containsExactly(ContactChannel.EMAIL));
	}

	/** Erasure reaches this service's every store: the SMS replies that quoted the coping plan go too. */
	@Test
	void erasureTakesTheRepliesThatQuotedTheCopingPlanAndEveryRowOfTheClient() {
		String phone = TestPhones.next();
		String clientId = StaffApi.enrol(api, "Zed", phone);
		var sms = new app.lantern.checkin.sms.TwilioRequests(port).sms(phone, "9 hard night", "SM" + java.util.UUID.randomUUID()
			.toString().replace("-", ""));
		assertThat(sms.getBody()).contains("Call my sponsor");
		assertThat(jdbc.sql("select count(*) from inbound_sms where client_id = ?::uuid").param(clientId)
			.query(Integer.class).single()).isEqualTo(1);

		assertThat(api.delete().uri("/api/clients/{id}", clientId).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);

		assertThat(jdbc.sql("select count(*) from inbound_sms where reply like '%Call my sponsor%' and client_id = ?::uuid")
			.param(clientId).query(Integer.class).single()).isZero();
		for (String table : List.of("client", "check_in", "alert", "inbound_sms")) {
			String column = table.equals("client") ? "id" : "client_id";
			assertThat(jdbc.sql("select count(*) from " + table + " where " + column + " = ?::uuid").param(clientId)
				.query(Integer.class).single()).as(table).isZero();
		}
		assertThat(audit(clientId, "ERASED")).hasSize(1);
	}

	private static java.net.URI URI(String url) {
		return java.net.URI.create(url.replace("http://localhost:8080", ""));
	}

	private List<String> audit(String clientId, String action) {
		return jdbc.sql("select coalesce(detail, '') from audit_event where client_id = ?::uuid and action = ? order by id")
			.params(clientId, action).query(String.class).list();
	}

	private static List<ClientProfile> profiles(String clientId) {
		return TopicRecords.all(Topics.CLIENT_PROFILES).stream().filter(record -> clientId.equals(record.key()))
			.map(record -> EventJson.read(record.value(), ClientProfile.class)).toList();
	}

	private static List<ClientMessage> welcomes(String clientId) {
		return TopicRecords.all(Topics.CLIENT_MESSAGES).stream().filter(record -> clientId.equals(record.key()))
			.map(record -> EventJson.read(record.value(), ClientMessage.class))
			.filter(message -> message.kind() == ClientMessage.Kind.WELCOME).toList();
	}
}
