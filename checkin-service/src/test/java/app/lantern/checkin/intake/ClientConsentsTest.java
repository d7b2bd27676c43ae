package app.lantern.checkin.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.ClientPages;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.checkin.sms.TwilioRequests;
import app.lantern.events.ClientMessage;
import app.lantern.events.ClientProfile;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.testsupport.ConsoleBrowser;
import app.lantern.testsupport.TopicRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * The client's own consents: one recorded for them to sign discloses nothing — the contact is not even invited —
 * until they sign it on their private page, which shows every element of 42 CFR 2.31; they stop one there at once;
 * texting REVOKE sends them a new link to that page and says how. Each is their own act in the audit trail.
 */
@CheckinServiceTest
class ClientConsentsTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aConsentForTheClientToSignDisclosesNothingUntilTheySignItOnTheirPage() {
		RestClient api = StaffApi.admin(port);
		String clientId = StaffApi.enrol(api, "Dale", TestPhones.next());
		String sponsor = contact(api, clientId, "Sam");
		String consent = (String) api.post().uri("/api/clients/{id}/contacts/{c}/consents", clientId, sponsor)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("alertTypes", List.of("CRISIS"), "purpose", "so Sam can reach out", "expiryEvent",
					"discharge from the programme", "signature", "CLIENT_PAGE"))
			.retrieve().body(Map.class).get("id");
		String token = ClientPages.token(api, clientId);

		await().atMost(Duration.ofSeconds(20)).until(() -> newestProfile(clientId).isPresent());
		assertThat(newestProfile(clientId).orElseThrow().contacts()).singleElement()
			.satisfies(contact -> assertThat(contact.consents()).as("not signed: not in force").isEmpty());
		assertThat(invited(sponsor)).as("the contact hears nothing yet").isZero();

		String page = StaffApi.anonymous(port).get().uri("/c/{t}/consents", token).retrieve().body(String.class);
		assertThat(page).contains("Sam (sponsor)", "Dale", "that you asked for help urgently", "so Sam can reach out",
				"discharge from the programme", "You can stop this at any time", "needs your signature");

		var unticked = post(token, consent, "sign", Map.of("proof", ClientPages.proof(page), "signature", "Dale Cooper"));
		assertThat(unticked.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		var signed = post(token, consent, "sign",
				Map.of("proof", ClientPages.proof(page), "signature", "Dale Cooper", "agree", "true"));

		assertThat(signed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(signed.getBody()).contains("Signed.", "Signed here by &quot;Dale Cooper&quot;", "Stop telling Sam");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(newestProfile(clientId).orElseThrow()
			.contacts()).singleElement().satisfies(contact -> assertThat(contact.consents()).singleElement()
				.satisfies(one -> assertThat(one.id()).isEqualTo(consent))));
		await().atMost(Duration.ofSeconds(20)).until(() -> invited(sponsor) == 1);
		assertThat(jdbc.sql("select signed_by || ':' || signature from consent where id = ?::uuid").param(consent)
			.query(String.class).single()).isEqualTo("CLIENT:Dale Cooper");
		assertThat(audit(api, clientId)).contains("CONSENT_RECORDED", "client:CONSENT_SIGNED");
		assertThat(ConsoleBrowser.signedIn(port, "admin", StaffApi.ADMIN_PASSWORD)
			.get("/clients/" + clientId + "/consents/" + consent).body())
			.as("the printable form")
			.contains("Signed by the patient on their private page, typing “Dale Cooper”", "Right to revoke",
					"Dale", "Sam (sponsor)", "asked for help urgently", "discharge from the programme");
	}

	@Test
	void theClientStopsAConsentOnTheirPageAtOnce() {
		RestClient api = StaffApi.admin(port);
		String clientId = StaffApi.enrol(api, "Kit", TestPhones.next());
		String sponsor = contact(api, clientId, "Lou");
		String consent = (String) api.post().uri("/api/clients/{id}/contacts/{c}/consents", clientId, sponsor)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("alertTypes", List.of("HIGH_CRAVING"), "purpose", "support", "expiresOn", "2099-01-01"))
			.retrieve().body(Map.class).get("id");
		String token = ClientPages.token(api, clientId);
		String page = StaffApi.anonymous(port).get().uri("/c/{t}/consents", token).retrieve().body(String.class);
		assertThat(page).contains("Signed on paper", "Stop telling Lou");

		var stopped = post(token, consent, "stop", Map.of("proof", ClientPages.proof(page)));

		assertThat(stopped.getBody()).contains("Stopped.").doesNotContain("Stop telling Lou");
		assertThat(jdbc.sql("select revoked_by from consent where id = ?::uuid and revoked_at is not null")
			.param(consent).query(String.class).single()).isEqualTo("client");
		assertThat(audit(api, clientId)).contains("client:CONSENT_REVOKED");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(newestProfile(clientId).orElseThrow()
			.contacts()).singleElement().satisfies(contact -> assertThat(contact.consents()).singleElement()
				.satisfies(one -> assertThat(one.revokedAt()).isNotNull())));
	}

	@Test
	void revokeByTextSendsANewLinkToThePageAndSaysHow() {
		RestClient api = StaffApi.admin(port);
		String phone = TestPhones.next();
		String clientId = StaffApi.enrol(api, "Rio", phone);

		var reply = new TwilioRequests(port).sms(phone, "REVOKE", TwilioRequests.sid());
		var revocar = new TwilioRequests(port).sms(phone, "revocar", TwilioRequests.sid());

		assertThat(reply.getBody()).contains("Who may be told about you", "new private link");
		assertThat(revocar.getBody()).as("the Spanish word too").contains("Who may be told about you");
		assertThat(audit(api, clientId)).contains("client:LINK_ROTATED");
		await().atMost(Duration.ofSeconds(20)).until(() -> TopicRecords.all(Topics.CLIENT_MESSAGES).stream()
			.filter(record -> clientId.equals(record.key()))
			.map(record -> EventJson.read(record.value(), ClientMessage.class))
			.filter(message -> message.kind() == ClientMessage.Kind.WELCOME).count() >= 2);
	}

	private static String contact(RestClient api, String clientId, String name) {
		return (String) api.post().uri("/api/clients/{id}/contacts", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", name, "role", "SPONSOR", "phone", TestPhones.next(), "channels", List.of("SMS")))
			.retrieve().body(Map.class).get("id");
	}

	private org.springframework.http.ResponseEntity<String> post(String token, String consent, String action,
			Map<String, String> form) {
		var body = new LinkedMultiValueMap<String, String>();
		form.forEach(body::add);
		return StaffApi.anonymous(port).post().uri("/c/{t}/consents/{c}/{a}", token, consent, action)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(body).retrieve().toEntity(String.class);
	}

	private static Optional<ClientProfile> newestProfile(String clientId) {
		return TopicRecords.all(Topics.CLIENT_PROFILES).stream().filter(record -> clientId.equals(record.key()))
			.reduce((first, second) -> second).map(record -> EventJson.read(record.value(), ClientProfile.class));
	}

	private static long invited(String contactId) {
		return TopicRecords.all(Topics.CONTACT_INVITATIONS).stream()
			.filter(record -> record.value() != null && record.value().contains(contactId)).count();
	}

	@SuppressWarnings("unchecked")
	private static String audit(RestClient api, String clientId) {
		List<Map<String, Object>> lines = api.get().uri("/api/audit?clientId={id}", clientId).retrieve().body(List.class);
		return String.join(" ", lines.stream().map(line -> line.get("actor") + ":" + line.get("action")).toList());
	}
}
