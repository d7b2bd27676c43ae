package app.lantern.checkin.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.HeldTime;
import app.lantern.checkin.StaffApi;
import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.ContactInvitation;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.testsupport.MutableClock;
import app.lantern.testsupport.TopicRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/** Consent windows and the contact's own opt-in, on real PostgreSQL and the embedded broker. */
@CheckinServiceTest
@Import(HeldTime.class)
class ConsentAndOptInTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	Invitations invitations;

	RestClient api;

	@BeforeEach
	void signIn() {
		api = StaffApi.admin(port);
	}

	/**
	 * "Until 29 November" ends when that day ends where the client lives (New York, UTC-5 in November):
	 * 05:00 UTC on the 30th, not UTC midnight five hours earlier.
	 */
	@Test
	void aConsentEndsWhenItsExpiryDayEndsInTheClientsZone() {
		Instant before = clock.instant();
		clock.set(Instant.parse("2026-11-29T20:00:00Z"));
		try {
			String clientId = StaffApi.enrol(api, "Harper", phone());
			String contactId = contact(clientId, List.of("SMS"), phone(), null);
			consent(clientId, contactId, Map.of("alertTypes", List.of("CRISIS"), "purpose", "crisis support",
					"expiresOn", "2026-11-29"));
			assertThat(consents(clientId)).singleElement().satisfies(consent -> assertThat(consent)
				.containsEntry("active", true)
				.containsEntry("expiresAt", "2026-11-30T05:00:00Z"));

			clock.set(Instant.parse("2026-11-30T04:59:59Z"));
			assertThat(consents(clientId)).as("past UTC midnight, still the 29th in New York").singleElement()
				.satisfies(consent -> assertThat(consent).containsEntry("active", true));

			clock.set(Instant.parse("2026-11-30T05:00:00Z"));
			assertThat(consents(clientId)).as("the 29th has ended in New York").singleElement()
				.satisfies(consent -> assertThat(consent).containsEntry("active", false));
		}
		finally {
			clock.set(before);
		}
	}

	@Test
	void aConsentUntilDischargeEndsWhenTheClientIsDischarged() {
		String clientId = StaffApi.enrol(api, "Harper", phone());
		String contactId = contact(clientId, List.of("SMS"), phone(), null);
		consent(clientId, contactId, Map.of("alertTypes", List.of("CRISIS"), "purpose", "crisis support",
				"expiryEvent", "discharge from the programme"));
		consent(clientId, contactId, Map.of("alertTypes", List.of("MISSED_CHECKIN"), "purpose", "check-ins",
				"expiresOn", "2099-12-31"));
		assertThat(consents(clientId)).allSatisfy(consent -> assertThat(consent).containsEntry("active", true));

		api.post().uri("/api/clients/{id}/status", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("status", "DISCHARGED")).retrieve().toBodilessEntity();

		assertThat(consents(clientId)).filteredOn(consent -> consent.get("expiresOn") == null).singleElement()
			.satisfies(consent -> assertThat(consent).containsEntry("active", false));
		assertThat(consents(clientId)).filteredOn(consent -> consent.get("expiresOn") != null).singleElement()
			.as("a consent until a date is not ended by discharge (a discharged client discloses nothing anyway)")
			.satisfies(consent -> assertThat(consent).containsEntry("active", true));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(latestProfile(clientId).contacts())
			.singleElement().satisfies(contact -> assertThat(contact.consents())
				.filteredOn(consent -> consent.expiresOn() == null).singleElement()
				.satisfies(consent -> assertThat(consent.isActiveAt(clock.instant().plusSeconds(1))).isFalse())));
	}

	@Test
	void aConsentEndedLongAgoLeavesTheProfileButStaysOnRecord() {
		String clientId = StaffApi.enrol(api, "Harper", phone());
		String contactId = contact(clientId, List.of("SMS"), phone(), null);
		consent(clientId, contactId, Map.of("alertTypes", List.of("CRISIS"), "purpose", "crisis support",
				"expiryEvent", "discharge"));
		String consentId = (String) consents(clientId).get(0).get("id");
		api.post().uri("/api/clients/{id}/contacts/{c}/consents/{k}/revoke", clientId, contactId, consentId).retrieve()
			.toBodilessEntity();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(latestProfile(clientId).contacts())
			.singleElement().satisfies(contact -> assertThat(contact.consents()).as("revoked, still shown for a while")
				.hasSize(1)));

		clock.advance(Duration.ofDays(31));
		try {
			api.put().uri("/api/clients/{id}/schedule", clientId).contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("dueTimes", List.of("10:00"))).retrieve().toBodilessEntity();

			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(latestProfile(clientId).contacts())
				.singleElement().satisfies(contact -> assertThat(contact.consents()).isEmpty()));
			assertThat(consents(clientId)).as("the consent stays on record").singleElement()
				.satisfies(consent -> assertThat(consent.get("revokedAt")).isNotNull());
		}
		finally {
			clock.advance(Duration.ofDays(-31));
		}
	}

	@Test
	void aConsentNeedsAnExpiryDateOrEvent() {
		String clientId = StaffApi.enrol(api, "Harper", phone());
		String contactId = contact(clientId, List.of("SMS"), phone(), null);

		var noEnd = api.post().uri("/api/clients/{id}/contacts/{c}/consents", clientId, contactId)
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("alertTypes", List.of("CRISIS"), "purpose", "care"))
			.retrieve().toEntity(Map.class);
		var byEvent = api.post().uri("/api/clients/{id}/contacts/{c}/consents", clientId, contactId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("alertTypes", List.of("CRISIS"), "purpose", "care", "expiryEvent", "discharge from the programme"))
			.retrieve().toEntity(Map.class);

		assertThat(noEnd.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(noEnd.getBody().toString()).contains("field=expiresOn");
		assertThat(byEvent.getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	@Test
	void aContactIsInvitedOnlyOnceTheClientConsentsAndConfirmsByReplyingYes() {
		String clientId = StaffApi.enrol(api, "Emery", phone());
		String number = phone();
		String contactId = contact(clientId, List.of("SMS"), number, null);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(latestProfile(clientId).contacts()).hasSize(1));
		assertThat(jdbc.sql("select invited_at is null from support_contact where id = ?::uuid").param(contactId)
			.query(Boolean.class).single()).as("no invitation before the client's consent").isTrue();
		assertThat(invitationsFor(clientId)).isEmpty();

		consent(clientId, contactId, Map.of("alertTypes", List.of("CRISIS"), "purpose", "crisis support",
				"expiryEvent", "discharge"));
		consent(clientId, contactId, Map.of("alertTypes", List.of("MISSED_CHECKIN"), "purpose", "check-ins",
				"expiryEvent", "discharge"));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(invitationsFor(clientId))
			.singleElement().satisfies(invitation -> {
				assertThat(invitation.contactId()).isEqualTo(contactId);
				assertThat(invitation.channel()).isEqualTo(ContactChannel.SMS);
			}));
		assertThat(invitations.confirmSms(number)).isEqualTo(1);
		assertThat(invitations.confirmSms(number)).as("a second YES changes nothing").isZero();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(latestProfile(clientId).contacts())
			.singleElement().satisfies(contact -> assertThat(contact.confirmedChannels()).containsExactly(ContactChannel.SMS)));
	}

	@Test
	void anEmailContactConfirmsWithTheLinkOnceAndOpeningItAloneChangesNothing() {
		String clientId = StaffApi.enrol(api, "Rowan", phone());
		String contactId = contact(clientId, List.of("EMAIL"), null, "rowan.friend@example.org");
		String token = emailInvitation(clientId, contactId, "CRISIS");

		RestClient browser = StaffApi.anonymous(port);
		var page = browser.get().uri("/contacts/confirm?t={t}", token).retrieve().toEntity(String.class);
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(page.getBody()).contains("Rowan added you as a support contact");
		assertThat(emailConfirmed(contactId)).as("opening the link alone confirms nothing").isFalse();

		var confirmed = confirm(browser, page, token, false);
		assertThat(confirmed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(emailConfirmed(contactId)).isTrue();

		assertThat(confirm(browser, page, token, false).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	/** On the e-mail link's page, the contact can ask for the evening note too: it is on once they confirm. */
	@Test
	void anEmailContactAsksForTheEveningNoteOnTheLinksPage() {
		String clientId = StaffApi.enrol(api, "Rowan", phone());
		String contactId = contact(clientId, List.of("EMAIL"), null, "rowan.aunt@example.org");
		String token = emailInvitation(clientId, contactId, "CHECKED_IN_DIGEST");
		RestClient browser = StaffApi.anonymous(port);
		var page = browser.get().uri("/contacts/confirm?t={t}", token).retrieve().toEntity(String.class);
		assertThat(page.getBody()).contains("short evening note");

		confirm(browser, page, token, true);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(latestProfile(clientId).contacts())
			.singleElement().satisfies(contact -> {
				assertThat(contact.confirmedChannels()).containsExactly(ContactChannel.EMAIL);
				assertThat(contact.digest()).isTrue();
			}));
	}

	/** A contact who reads Spanish gets the invitation page in Spanish (their client reads English). */
	@Test
	void aSpanishSpeakingContactsInvitationPageIsInSpanish() {
		String clientId = StaffApi.enrol(api, "Rowan", phone());
		String contactId = contact(clientId, List.of("EMAIL"), null, "ana.familia@example.org", "es");
		String token = emailInvitation(clientId, contactId, "CRISIS");

		var page = StaffApi.anonymous(port).get().uri("/contacts/confirm?t={t}", token).retrieve().toEntity(String.class);

		assertThat(page.getBody()).contains("lang=\"es\"").contains("Rowan lo agregó como contacto de apoyo")
			.contains("Sí, envíenme alertas");
		assertThat(StaffApi.anonymous(port).get().uri("/contacts/confirm?t=nothing").retrieve().toEntity(String.class)
			.getBody()).as("a link of no one's: English").contains("This link is not valid");
	}

	@Test
	void aFormPostWithoutTheCsrfTokenIsRefused() {
		var refused = StaffApi.anonymous(port).post().uri("/contacts/confirm")
			.header(HttpHeaders.COOKIE, "JSESSIONID=forged").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body("t=anything").retrieve().toBodilessEntity();

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	private boolean emailConfirmed(String contactId) {
		return jdbc.sql("select email_confirmed_at is not null from support_contact where id = ?::uuid").param(contactId)
			.query(Boolean.class).single();
	}

	private List<ContactInvitation> invitationsFor(String clientId) {
		return TopicRecords.all(Topics.CONTACT_INVITATIONS).stream().filter(record -> clientId.equals(record.key()))
			.map(record -> EventJson.read(record.value(), ContactInvitation.class)).toList();
	}

	private ClientProfile latestProfile(String clientId) {
		List<ClientProfile> profiles = TopicRecords.all(Topics.CLIENT_PROFILES).stream()
			.filter(record -> clientId.equals(record.key()) && record.value() != null)
			.map(record -> EventJson.read(record.value(), ClientProfile.class)).toList();
		return profiles.get(profiles.size() - 1);
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> consents(String clientId) {
		Map<String, Object> client = api.get().uri("/api/clients/{id}", clientId).retrieve().body(Map.class);
		return ((List<Map<String, Object>>) client.get("contacts")).stream()
			.flatMap(contact -> ((List<Map<String, Object>>) contact.get("consents")).stream()).toList();
	}

	/** The client consents to telling the contact of {@code type}; returns the e-mail invitation's token. */
	private String emailInvitation(String clientId, String contactId, String type) {
		consent(clientId, contactId, Map.of("alertTypes", List.of(type), "purpose", "support", "expiryEvent",
				"discharge"));
		await().atMost(Duration.ofSeconds(20)).until(() -> invitationsFor(clientId).size() == 1);
		String url = invitationsFor(clientId).get(0).confirmUrl();
		return url.substring(url.indexOf("t=") + 2);
	}

	/** Posts the link page's confirmation as its browser would: the token, the page's CSRF token and cookie. */
	private static ResponseEntity<String> confirm(RestClient browser, ResponseEntity<String> page, String token,
			boolean daily) {
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.getBody());
		assertThat(csrf.find()).as("the page's CSRF token").isTrue();
		var form = new LinkedMultiValueMap<String, String>();
		form.add("t", token);
		form.add("_csrf", csrf.group(1));
		if (daily) {
			form.add("daily", "true");
		}
		return browser.post().uri("/contacts/confirm")
			.header(HttpHeaders.COOKIE, page.getHeaders().getFirst(HttpHeaders.SET_COOKIE).split(";")[0])
			.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().toEntity(String.class);
	}

	private String contact(String clientId, List<String> channels, String phone, String email) {
		return contact(clientId, channels, phone, email, null);
	}

	private String contact(String clientId, List<String> channels, String phone, String email, String language) {
		var body = new java.util.HashMap<String, Object>(Map.of("name", "Sam", "role", "SPONSOR", "channels", channels));
		if (language != null) {
			body.put("language", language);
		}
		if (phone != null) {
			body.put("phone", phone);
		}
		if (email != null) {
			body.put("email", email);
		}
		return (String) api.post().uri("/api/clients/{id}/contacts", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(body).retrieve().body(Map.class).get("id");
	}

	private void consent(String clientId, String contactId, Map<String, Object> body) {
		var answer = api.post().uri("/api/clients/{id}/contacts/{c}/consents", clientId, contactId)
			.contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

	private static String phone() {
		return app.lantern.checkin.TestPhones.next();
	}
}
