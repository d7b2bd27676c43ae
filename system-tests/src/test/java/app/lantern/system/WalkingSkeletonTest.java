package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The walking skeleton: a check-in with craving 9 through the API reaches the alert service, which raises
 * HIGH_CRAVING; the notifier tells the consented, opted-in sponsor in the sandbox outbox without the craving
 * number; the check-in service shows the open alert and the disclosure.
 */
@org.junit.jupiter.api.Order(1)
class WalkingSkeletonTest {

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	private static RunningPlatform platform;

	private static RestClient staff;

	private static RestClient notifier;

	@BeforeAll
	static void start() throws Exception {
		platform = RunningPlatform.start();
		staff = RestClient.builder()
			.baseUrl(RunningPlatform.baseUrl(platform.checkin))
			.defaultHeaders(headers -> headers.setBasicAuth("admin", RunningPlatform.ADMIN_PASSWORD))
			.build();
		notifier = RestClient.builder().baseUrl(RunningPlatform.baseUrl(platform.notifier)).build();
	}

	@AfterAll
	static void stop() {
		if (platform != null) {
			platform.close();
		}
	}

	@Test
	void aHighCravingCheckInRaisesAnAlertAndTellsTheConsentedSponsor() {
		String clientId = enrol("Jordan", "+12025550111");
		String sponsor = consentedSponsor(clientId, "+12025550112");

		var accepted = staff.post().uri("/api/checkins").header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", clientId, "craving", 9, "note", "rough night"))
			.retrieve().toEntity(Map.class);
		assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			List<Map<String, Object>> open = staff.get().uri("/api/alerts?state=OPEN&clientId={id}", clientId)
				.retrieve().body(LIST);
			assertThat(open).singleElement().satisfies(alert -> {
				assertThat(alert).containsEntry("type", "HIGH_CRAVING").containsEntry("state", "RAISED");
			});
		});
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			List<Map<String, Object>> sent = staff.get().uri("/api/sandbox/messages").retrieve().body(LIST);
			assertThat(sent).filteredOn(message -> "+12025550112".equals(message.get("address"))
					&& ((String) message.get("body")).contains("hard moment"))
				.singleElement()
				// exactly the minimum-necessary template: the only number in it is the local time
				.satisfies(message -> assertThat((String) message.get("body")).matches(
						"Lantern: Jordan reported a hard moment at \\d{1,2}:\\d{2} [AP]M\\. Please reach out to them\\. "
								+ "Reply OK if you're on it\\. Federal law \\(42 CFR Part 2\\) prohibits further "
								+ "disclosure of this information\\."));
		});
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			List<Map<String, Object>> log = staff.get().uri("/api/disclosures?clientId={id}", clientId).retrieve()
				.body(LIST);
			assertThat(log).anySatisfy(line -> assertThat(line).containsEntry("status", "SENT")
				.containsEntry("recipient", sponsor).containsEntry("channel", "SMS"));
		});
	}

	/**
	 * One trace follows a check-in end to end: the request's span in checkin-service, its traceparent carried in
	 * the outbox row and the Kafka record, the rules engine's span in alert-service (the request's child), and the
	 * SMS send in notifier-service (the engine's child).
	 */
	@Test
	void oneTraceFollowsACheckInFromTheRequestToTheSend() {
		String clientId = enrol("Tracy", "+12025550186");
		consentedSponsor(clientId, "+12025550187");
		platform.spans.reset();

		staff.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", clientId, "craving", 9)).retrieve().toBodilessEntity();

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			List<SpanData> spans = platform.spans.getFinishedSpanItems();
			SpanData send = spans.stream().filter(span -> span.getName().equals("notifier send sms")).findFirst()
				.orElseThrow(() -> new AssertionError("no send span yet: " + names(spans)));
			List<SpanData> trace = spans.stream().filter(span -> span.getTraceId().equals(send.getTraceId())).toList();
			SpanData engine = trace.stream().filter(span -> span.getSpanId().equals(send.getParentSpanId()))
				.findFirst().orElseThrow(() -> new AssertionError("the send's parent: " + names(trace)));
			assertThat(engine.getName()).isEqualTo("rules-engine");
			assertThat(service(engine)).isEqualTo("alert-service");
			assertThat(service(send)).isEqualTo("notifier-service");
			// up from the engine: spans of checkin-service within the request, to the request's own
			SpanData request = engine;
			do {
				String parent = request.getParentSpanId();
				request = trace.stream().filter(span -> span.getSpanId().equals(parent)).findFirst()
					.orElseThrow(() -> new AssertionError("a parent within the request: " + names(trace)));
				assertThat(service(request)).isEqualTo("checkin-service");
			}
			while (request.getKind() != SpanKind.SERVER);
			assertThat(request.getName()).contains("/api/checkins");
		});
	}

	/** Sam, the client's sponsor: consented to HIGH_CRAVING, opted in to SMS, in the notifier's profile. */
	private static String consentedSponsor(String clientId, String phone, String... types) {
		String sponsor = addContact(clientId, "Sam", phone);
		consent(clientId, sponsor, types.length == 0 ? new String[] { "HIGH_CRAVING" } : types);
		staff.post().uri("/api/clients/{id}/contacts/{c}/opt-in", clientId, sponsor)
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("channel", "SMS")).retrieve().toBodilessEntity();
		awaitProfileWithOptIn(clientId);
		return sponsor;
	}

	private static String service(SpanData span) {
		return span.getResource().getAttribute(AttributeKey.stringKey("service.name"));
	}

	private static List<String> names(List<SpanData> spans) {
		return spans.stream().map(span -> service(span) + ":" + span.getName()).toList();
	}

	@Test
	void aContactWithoutConsentIsNotToldAndTheSuppressionIsLogged() {
		String clientId = enrol("Riley", "+12025550121");
		String brother = addContact(clientId, "Alex", "+12025550122");
		staff.post().uri("/api/clients/{id}/contacts/{c}/opt-in", clientId, brother)
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("channel", "SMS")).retrieve().toBodilessEntity();
		awaitProfileWithOptIn(clientId);

		staff.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", clientId, "craving", 10)).retrieve().toBodilessEntity();

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			List<Map<String, Object>> log = staff.get().uri("/api/disclosures?clientId={id}", clientId).retrieve()
				.body(LIST);
			assertThat(log).filteredOn(line -> line.get("alertType") != null).singleElement()
				.satisfies(line -> assertThat(line).containsEntry("status", "SUPPRESSED").containsEntry("reason", "NO_CONSENT"));
		});
		// the suppression is logged after the notifier decided: by then anything it sent would be in the outbox
		List<Map<String, Object>> sent = staff.get().uri("/api/sandbox/messages").retrieve().body(LIST);
		assertThat(sent).filteredOn(message -> "+12025550122".equals(message.get("address")))
			.as("the brother was told nothing: no invitation without the client's consent, and no alert")
			.isEmpty();
	}

	/**
	 * The sandbox outbox holds what would have been sent, names and numbers among it: staff read it signed in,
	 * through checkin-service; the notifier's port answers no one else.
	 */
	@Test
	void theSandboxOutboxIsReadOnlyBySignedInStaffThroughCheckinService() {
		int withoutToken = notifier.get().uri("/api/sandbox/messages")
			.exchange((request, response) -> response.getStatusCode().value());
		int withAGuess = notifier.get().uri("/api/sandbox/messages").header("X-Lantern-Sandbox-Token", "guess")
			.exchange((request, response) -> response.getStatusCode().value());
		int notSignedIn = RestClient.create(RunningPlatform.baseUrl(platform.checkin)).get().uri("/api/sandbox/messages")
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(withoutToken).as("the notifier's own port, without the sandbox token").isEqualTo(403);
		assertThat(withAGuess).as("with a wrong token").isEqualTo(403);
		assertThat(notSignedIn).as("checkin-service, not signed in").isEqualTo(401);
		assertThat(staff.get().uri("/api/sandbox/messages").retrieve().toEntity(List.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	/**
	 * A crisis always reaches a human: a client with no contacts at all asks for help, and the staff member on
	 * call is texted — with no name in the text, only the kind of alert, the time and the console link — and the
	 * disclosure log shows it, sent to staff under no consent (none is needed for the programme's own staff).
	 */
	@Test
	void aCrisisOfAClientWithNoContactsReachesTheStaffMemberOnCall() {
		String onCall = "oncall-" + UUID.randomUUID().toString().substring(0, 8);
		onCallNow(onCall, "+12025550131");
		String clientId = enrol("Morgan", "+12025550132");

		staff.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", clientId, "craving", 3, "crisis", true)).retrieve().toBodilessEntity();

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			List<Map<String, Object>> sent = staff.get().uri("/api/sandbox/messages").retrieve().body(LIST);
			assertThat(sent).filteredOn(message -> "+12025550131".equals(message.get("address"))).singleElement()
				.satisfies(message -> assertThat((String) message.get("body"))
					.startsWith("Lantern on call: a client asked for help urgently at")
					.contains("/clients/" + clientId)
					.doesNotContain("Morgan"));
		});
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
				staff.get().uri("/api/disclosures?clientId={id}", clientId).retrieve().body(LIST))
			.anySatisfy(line -> assertThat(line).containsEntry("recipient", "staff:" + onCall)
				.containsEntry("status", "SENT").containsEntry("alertType", "CRISIS").containsEntry("consentId", null)));
	}

	/**
	 * A client texts AWAY 2 before a due time: the profile carries an end two days on, the staff member on call is
	 * told at once (no name in the text), the deadline passes and raises nothing for them — while another client with the same due time, not away, is
	 * raised a missed check-in and their sponsor told — and the client's sponsor hears nothing of the away. The other
	 * client and their sponsor read Spanish, and the other client's schedule has the ladder's nudge at the due time:
	 * the invitation (the sponsor answers SÍ), the welcome, the nudge, the alert, the all-clear, the sponsor's DIARIO
	 * and the evening note all come in Spanish, in order. Two more clients have the whole ladder (a nudge at the due
	 * time and one a minute into the grace): one gets both, a minute apart; the other checks in after the first and
	 * gets no second.
	 */
	@Test
	void aClientsOwnAwayHoldsTheirMissedCheckInAndTellsTheStaffMemberOnCall() throws Exception {
		String onCall = "away-oncall-" + UUID.randomUUID().toString().substring(0, 8);
		Map<?, ?> shift = onCallNow(onCall, "+12025550141");
		try {
			awayWhileOnCall(onCall);
		}
		finally {
			// the other tests' alerts must not reach this shift
			staff.delete().uri("/api/staff/on-call/{id}", shift.get("id")).retrieve().toBodilessEntity();
		}
	}

	private static void awayWhileOnCall(String onCall) throws Exception {
		// the first whole minute at least 60 s from now (due times are HH:mm; the sponsor answers an invitation
		// before it), with the least grace there is (a minute)
		java.time.Instant dueAt = java.time.Instant.now().plusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
		String due = java.time.LocalTime.ofInstant(dueAt, java.time.ZoneOffset.UTC).toString();
		String away = enrolDue("Ari", "+12025550142", due, "en", true);
		String control = enrolDue("Bo", "+12025550144", due, "es", true);
		// the whole ladder, two minutes' grace: a nudge at the due time and one a minute into the grace
		String wholeLadder = enrol("Cy", "+12025550146", "en", ladder(due, 2, true, 1));
		String stopsEarly = enrol("Di", "+12025550147", "en", ladder(due, 2, true, 1));
		String awaySponsor = consentedSponsor(away, "+12025550143", "MISSED_CHECKIN");
		// the Spanish-speaking sponsor is invited in Spanish and says yes in Spanish
		String controlSponsor = addContact(control, "Sam", "+12025550145");
		consent(control, controlSponsor, "MISSED_CHECKIN", "CHECKED_IN_DIGEST");
		await().atMost(Duration.ofSeconds(30)).until(() -> sandboxTo("+12025550145").stream()
			.anyMatch(body -> body.startsWith("Bo lo agregó como contacto de apoyo en Lantern. Responda SÍ para recibir alertas")));
		assertThat(SignedSms.send(RunningPlatform.baseUrl(platform.checkin), "http://localhost:8080",
				RunningPlatform.WEBHOOK_TOKEN, "+12025550145", "Sí")).contains("Recibirá alertas de Lantern");
		awaitProfileWithOptIn(control);
		assertThat(java.time.Instant.now()).as("enrolled before the due time").isBefore(dueAt);

		// checkin-service checks signatures against its public base URL (the default here)
		java.time.Instant sent = java.time.Instant.now();
		String reply = SignedSms.send(RunningPlatform.baseUrl(platform.checkin), "http://localhost:8080",
				RunningPlatform.WEBHOOK_TOKEN, "+12025550142", "AWAY 2");

		assertThat(reply).contains("No check-ins needed until");
		// two days held: the profile the engine judges by carries the end, two days from the text
		awaitProfile(away, profile -> profile.awayUntil() != null);
		assertThat(staff.get().uri("/api/clients/{id}", away).retrieve().body(Map.class).get("awayUntil"))
			.satisfies(until -> assertThat(java.time.Instant.parse((String) until))
				.isBetween(sent.plus(Duration.ofDays(2)).minusSeconds(5), java.time.Instant.now().plus(Duration.ofDays(2))));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
				staff.get().uri("/api/sandbox/messages").retrieve().body(LIST))
			.filteredOn(message -> "+12025550141".equals(message.get("address"))).singleElement()
			.satisfies(message -> assertThat((String) message.get("body"))
				.startsWith("Lantern on call: a client is away for a few days, by their own word at")
				.contains("/clients/" + away)
				.doesNotContain("Ari")));
		// the ladder in order: the nudge at the due time, then a minute into the grace; a check-in after the first stops it
		await().atMost(Duration.ofMinutes(3)).until(() -> !nudges("+12025550147").isEmpty());
		staff.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", stopsEarly, "craving", 2)).retrieve().toBodilessEntity();
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(nudges("+12025550146")).hasSize(2));
		List<Map<String, Object>> nudges = nudges("+12025550146");
		assertThat(Duration.between(java.time.Instant.parse((String) nudges.get(1).get("sentAt")),
				java.time.Instant.parse((String) nudges.get(0).get("sentAt"))))
			.as("the second nudge a minute after the first").isBetween(Duration.ofSeconds(45), Duration.ofSeconds(75));
		assertThat(nudges("+12025550147")).as("no second nudge after a check-in").hasSize(1);
		staff.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", wholeLadder, "craving", 2)).retrieve().toBodilessEntity();

		// the control's deadline passes and is raised: by then the away client's has passed too
		await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> assertThat(
				staff.get().uri("/api/alerts?state=OPEN&clientId={id}", control).retrieve().body(LIST))
			.extracting(alert -> alert.get("type")).contains("MISSED_CHECKIN"));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
				staff.get().uri("/api/disclosures?clientId={id}", control).retrieve().body(LIST))
			.anySatisfy(line -> assertThat(line).containsEntry("recipient", controlSponsor)
				.containsEntry("alertType", "MISSED_CHECKIN")));
		assertThat(staff.get().uri("/api/alerts?state=OPEN&clientId={id}", away).retrieve().body(LIST))
			.extracting(alert -> alert.get("type")).containsExactly("AWAY");
		assertThat(staff.get().uri("/api/disclosures?clientId={id}", away).retrieve().body(LIST))
			.as("the sponsor was invited, and told of no alert: neither the miss nor the away")
			.filteredOn(line -> awaySponsor.equals(line.get("recipient")) && line.get("alertId") != null).isEmpty();

		// in Spanish: the ladder's nudge to the client at the due time, before the alert to the sponsor
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(sandboxTo("+12025550144")).contains("Lantern: ¿sigue ahí? Responda con un número de 0 a 10, por ejemplo 7.");
			assertThat(sandboxTo("+12025550145")).anySatisfy(body -> assertThat(body)
				.startsWith("Lantern: Bo no se reportó a tiempo a las").contains("42 CFR Parte 2"));
		});
		assertThat(sandboxTo("+12025550142")).as("no nudge to the client who is away")
			.noneSatisfy(body -> assertThat(body).contains("still there"));
		// the sponsor asks for the evening note; the client checks in: the all-clear, then one note, in Spanish
		assertThat(SignedSms.send(RunningPlatform.baseUrl(platform.checkin), "http://localhost:8080",
				RunningPlatform.WEBHOOK_TOKEN, "+12025550145", "DIARIO")).contains("nota corta por la noche");
		awaitProfile(control, profile -> profile.contacts().get(0).digest());
		staff.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", control, "craving", 3)).retrieve().toBodilessEntity();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sandboxTo("+12025550145"))
			.contains("Lantern: Bo ya se reportó. Todo bien, gracias. La ley federal (42 CFR Parte 2) prohíbe divulgar esta información.")
			.filteredOn(body -> body.startsWith("Lantern: Bo se reportó hoy.")).hasSize(1));
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> assertThat(
				sandboxTo("+12025550145")).filteredOn(body -> body.startsWith("Lantern: Bo se reportó hoy.")).hasSize(1));
		assertThat(SignedSms.send(RunningPlatform.baseUrl(platform.checkin), "http://localhost:8080",
				RunningPlatform.WEBHOOK_TOKEN, "+12025550145", "DIARIO NO")).contains("No recibirá más notas");
		awaitProfile(control, profile -> !profile.contacts().get(0).digest());
		assertThat(java.util.stream.Stream.concat(sandboxTo("+12025550144").stream(), sandboxTo("+12025550145").stream()))
			.as("every message to the Spanish-speaking client and sponsor, in Spanish")
			.hasSizeGreaterThanOrEqualTo(5)
			.allSatisfy(body -> assertThat(body).containsAnyOf("lo agregó como contacto", "¿sigue ahí?", "no se reportó",
					"ya se reportó", "se reportó hoy", "quedó inscrito").doesNotContain("Reply", "Federal law"));
	}

	private static List<String> sandboxTo(String address) {
		return sandbox(address).stream().map(message -> (String) message.get("body")).toList();
	}

	/** The ladder's nudges sent to {@code address}, newest first. */
	private static List<Map<String, Object>> nudges(String address) {
		return sandbox(address).stream()
			.filter(message -> "Lantern: still there? Reply with a number 0-10, like 7.".equals(message.get("body")))
			.toList();
	}

	/** The messages sent to {@code address}, newest first. */
	private static List<Map<String, Object>> sandbox(String address) {
		return staff.get().uri("/api/sandbox/messages").retrieve().body(LIST).stream()
			.filter(message -> address.equals(message.get("address")))
			.toList();
	}

	/** Until the newest profile of the client on the topic satisfies {@code condition}. */
	private static void awaitProfile(String clientId, java.util.function.Predicate<app.lantern.events.ClientProfile> condition) {
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			var records = app.lantern.testsupport.TopicRecords.all(app.lantern.events.Topics.CLIENT_PROFILES).stream()
				.filter(record -> clientId.equals(record.key())).toList();
			return !records.isEmpty() && condition.test(app.lantern.events.EventJson.read(
					records.get(records.size() - 1).value(), app.lantern.events.ClientProfile.class));
		});
	}

	/** A new staff user with this phone, on call from an hour ago for eight hours; returns the shift ({@code id}). */
	private static Map<?, ?> onCallNow(String username, String phone) {
		staff.post().uri("/api/staff").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", username, "password", "a long enough password", "role", "STAFF")).retrieve()
			.toBodilessEntity();
		staff.put().uri("/api/staff/{u}/contact", username).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("phone", phone)).retrieve().toBodilessEntity();
		java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC);
		return staff.post().uri("/api/staff/on-call").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("startsAt", now.minusHours(1).withNano(0).toString(), "endsAt",
					now.plusHours(8).withNano(0).toString(), "primary", username))
			.retrieve().body(Map.class);
	}

	private static String enrolDue(String name, String phone, String dueTime, String language, boolean nudgeAtDue) {
		return enrol(name, phone, language, ladder(dueTime, 1, nudgeAtDue, 0));
	}

	private static String enrol(String name, String phone, String language, Map<String, Object> schedule) {
		Map<?, ?> client = staff.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("displayName", name, "phone", phone, "timezone", "UTC", "language", language, "schedule",
					schedule, "cravingThreshold", 8))
			.retrieve().body(Map.class);
		return (String) client.get("id");
	}

	/** One due time, no reminder before it, and the ladder's nudges as given. */
	private static Map<String, Object> ladder(String dueTime, int graceMinutes, boolean nudgeAtDue, int nudgeMinutesAfter) {
		return Map.of("dueTimes", List.of(dueTime), "graceMinutes", graceMinutes, "reminderMinutesBefore", 0,
				"nudgeAtDue", nudgeAtDue, "nudgeMinutesAfter", nudgeMinutesAfter);
	}

	/**
	 * Consent at the instant of send, many times over: for each of 40 clients the consent is revoked (the API
	 * answers 200) and at once the client checks in with a craving of 9. No sponsor is told — each alert waits, if
	 * need be, for the profile its check-in was accepted under — and each suppression is in the disclosure log.
	 * Also measured: how long a revocation takes to reach the notifier (the window for alerts no check-in caused).
	 */
	@Test
	void aConsentRevokedJustBeforeACheckInStopsItsAlertEveryTime() {
		int clients = 40;
		List<String[]> enrolled = new java.util.ArrayList<>();
		for (int i = 0; i < clients; i++) {
			String clientId = enrol("Rev" + i, String.format("+1202556%04d", i));
			String sponsor = addContact(clientId, "Sam", String.format("+1202557%04d", i));
			String consentId = (String) staff.post().uri("/api/clients/{id}/contacts/{c}/consents", clientId, sponsor)
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("alertTypes", List.of("HIGH_CRAVING"), "purpose", "support in recovery", "expiresOn",
						"2099-12-31"))
				.retrieve().body(Map.class).get("id");
			staff.post().uri("/api/clients/{id}/contacts/{c}/opt-in", clientId, sponsor)
				.contentType(MediaType.APPLICATION_JSON).body(Map.of("channel", "SMS")).retrieve().toBodilessEntity();
			enrolled.add(new String[] { clientId, sponsor, consentId });
		}
		enrolled.forEach(one -> awaitProfileWithOptIn(one[0]));
		var notifierDb = platform.notifier.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
		Map<String, Long> versionBefore = new java.util.HashMap<>();
		enrolled.forEach(one -> versionBefore.put(one[0], notifierDb.sql("select version from client_profile where client_id = ?")
			.param(one[0]).query(Long.class).single()));

		// one client at a time: revoke, check in at once, and time the revocation's arrival at the notifier
		List<Long> reachedMillis = new java.util.ArrayList<>();
		for (String[] one : enrolled) {
			var revoked = staff.post().uri("/api/clients/{id}/contacts/{c}/consents/{k}/revoke", one[0], one[1], one[2])
				.retrieve().toBodilessEntity();
			long acknowledged = System.nanoTime();
			assertThat(revoked.getStatusCode()).isEqualTo(HttpStatus.OK);
			staff.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("clientId", one[0], "craving", 9)).retrieve().toBodilessEntity();
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> notifierDb
				.sql("select version from client_profile where client_id = ?").param(one[0]).query(Long.class)
				.single() > versionBefore.get(one[0]));
			reachedMillis.add((System.nanoTime() - acknowledged) / 1_000_000);
		}

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			for (String[] one : enrolled) {
				assertThat(staff.get().uri("/api/disclosures?clientId={id}", one[0]).retrieve().body(LIST))
					.filteredOn(line -> "HIGH_CRAVING".equals(line.get("alertType")))
					.singleElement()
					.satisfies(line -> assertThat(line).containsEntry("status", "SUPPRESSED")
						.containsEntry("reason", "NO_CONSENT"));
			}
		});
		List<Map<String, Object>> sent = staff.get().uri("/api/sandbox/messages?limit=1000").retrieve().body(LIST);
		assertThat(sent).filteredOn(message -> ((String) message.get("address")).startsWith("+1202557")
				&& ((String) message.get("body")).contains("hard moment"))
			.as("no sponsor told after the revocation").isEmpty();
		java.util.Collections.sort(reachedMillis);
		System.out.printf("revocation reached the notifier (API 200 → the notifier's profile): p50 %d ms, max %d ms "
				+ "over %d clients; 0 of %d check-ins after a revocation told anyone%n",
				reachedMillis.get(reachedMillis.size() / 2), reachedMillis.get(reachedMillis.size() - 1),
				reachedMillis.size(), clients);
	}

	/**
	 * Erasure reaches every store: after a client with a contact, consents, a check-in with a note, an alert and
	 * the sponsor's SMS and e-mail is erased, no table of either database and no record of any topic holds their
	 * name, number, e-mail, note or coping plan, nor their contact's. The profiles topic is compacted on a time
	 * scale shrunk from its production settings (a day's segment, compaction within 5 days; Topics.configs) to
	 * seconds; the fact of each disclosure stays.
	 */
	@Test
	void anErasedClientIsInNoTableAndNoTopic() throws Exception {
		List<String> needles = List.of("Ottoline Quarrender", "2025550197", "ottoline.q@example.org",
				"the blue heron at dawn", "Ring Perpetua at the allotment", "Perpetua Vane", "2025550198",
				"perpetua.v@example.org");
		String clientId = (String) staff.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("displayName", "Ottoline Quarrender", "phone", "+12025550197", "email", "ottoline.q@example.org",
					"timezone", "America/New_York", "schedule", Map.of("dueTimes", List.of("09:00")), "copingPlan",
					List.of("Ring Perpetua at the allotment")))
			.retrieve().body(Map.class).get("id");
		String contactId = (String) staff.post().uri("/api/clients/{id}/contacts", clientId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Perpetua Vane", "role", "SPONSOR", "phone", "+12025550198", "email",
					"perpetua.v@example.org", "channels", List.of("SMS", "EMAIL"), "tier", 1))
			.retrieve().body(Map.class).get("id");
		consent(clientId, contactId, "HIGH_CRAVING");
		for (String channel : List.of("SMS", "EMAIL")) {
			staff.post().uri("/api/clients/{id}/contacts/{c}/opt-in", clientId, contactId)
				.contentType(MediaType.APPLICATION_JSON).body(Map.of("channel", channel)).retrieve().toBodilessEntity();
		}
		var notifierProfiles = platform.notifier.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
		await().atMost(Duration.ofSeconds(60)).until(() -> notifierProfiles.sql("""
				select count(*) from client_profile where client_id = ?
				  and payload like '%"confirmedChannels":[%SMS%' and payload like '%"confirmedChannels":[%EMAIL%'""")
			.param(clientId).query(Integer.class).single() == 1);
		staff.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", clientId, "craving", 9, "note", "the blue heron at dawn")).retrieve().toBodilessEntity();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(staff.get()
			.uri("/api/disclosures?clientId={id}", clientId).retrieve().body(LIST))
			.filteredOn(line -> "SENT".equals(line.get("status")) && "HIGH_CRAVING".equals(line.get("alertType")))
			.as("the sponsor told by SMS and by e-mail").hasSize(2));
		var checkinDb = platform.checkin.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
		var notifierDb = platform.notifier.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
		String kafka = app.lantern.testsupport.SharedInfrastructure.kafkaBootstrapServers();
		assertThat(ErasureSearch.inDatabase(notifierDb, needles)).as("the search finds what is there").isNotEmpty();
		assertThat(ErasureSearch.inTopics(kafka, needles)).as("the search finds what is there")
			.contains(app.lantern.events.Topics.CLIENT_PROFILES + ": Ottoline Quarrender");

		assertThat(staff.delete().uri("/api/clients/{id}", clientId).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);

		try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", kafka))) {
			compactQuickly(admin, true);
			try {
				await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
					// a record after segment.ms rolls the segment that holds the old profiles, so it can be compacted
					tombstone(kafka, clientId);
					assertThat(ErasureSearch.inDatabase(checkinDb, needles)).as("checkin-service's database").isEmpty();
					assertThat(ErasureSearch.inDatabase(notifierDb, needles)).as("notifier-service's database").isEmpty();
					assertThat(ErasureSearch.inTopics(kafka, needles)).as("every topic").isEmpty();
				});
			}
			finally {
				compactQuickly(admin, false);
			}
		}
		assertThat(checkinDb.sql("""
				select count(*) from disclosure where client_id = ?::uuid and status = 'SENT' and alert_type = 'HIGH_CRAVING'
				  and recipient_role = 'SPONSOR'""")
			.param(clientId).query(Integer.class).single()).as("the fact of each disclosure stays").isEqualTo(2);
		assertThat(notifierDb.sql("select count(*) from delivery where client_id = ? and status = 'SENT' and kind = 'ALERT'")
			.param(clientId).query(Integer.class).single()).isEqualTo(2);
	}

	/** The profiles topic's compaction on a time scale of seconds (or back to its production settings). */
	private static void compactQuickly(org.apache.kafka.clients.admin.Admin admin, boolean quickly) throws Exception {
		var topic = new org.apache.kafka.common.config.ConfigResource(
				org.apache.kafka.common.config.ConfigResource.Type.TOPIC, app.lantern.events.Topics.CLIENT_PROFILES);
		Map<String, String> settings = quickly
				? Map.of("segment.ms", "500", "min.cleanable.dirty.ratio", "0.01", "max.compaction.lag.ms", "1000")
				: Map.of("segment.ms", app.lantern.events.Topics.configs(app.lantern.events.Topics.CLIENT_PROFILES)
					.get("segment.ms"), "min.cleanable.dirty.ratio", "0.5", "max.compaction.lag.ms",
						app.lantern.events.Topics.configs(app.lantern.events.Topics.CLIENT_PROFILES)
							.get("max.compaction.lag.ms"));
		var broker = new org.apache.kafka.common.config.ConfigResource(
				org.apache.kafka.common.config.ConfigResource.Type.BROKER, "");
		admin.incrementalAlterConfigs(Map.of(topic, settings.entrySet().stream()
			.map(setting -> new org.apache.kafka.clients.admin.AlterConfigOp(
					new org.apache.kafka.clients.admin.ConfigEntry(setting.getKey(), setting.getValue()),
					org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET))
			.toList(), broker, List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
					new org.apache.kafka.clients.admin.ConfigEntry("log.cleaner.backoff.ms", quickly ? "500" : "15000"),
					org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)))).all().get();
	}

	private static void tombstone(String kafka, String clientId) throws Exception {
		try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(
				Map.of("bootstrap.servers", kafka), new org.apache.kafka.common.serialization.StringSerializer(),
				new org.apache.kafka.common.serialization.StringSerializer())) {
			producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
					app.lantern.events.Topics.CLIENT_PROFILES, clientId, null)).get();
		}
	}

	private static String enrol(String name, String phone) {
		Map<?, ?> client = staff.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("displayName", name, "phone", phone, "timezone", "America/New_York", "schedule",
					Map.of("dueTimes", List.of("09:00", "21:00")), "cravingThreshold", 8, "copingPlan",
					List.of("Call Sam", "Walk round the block")))
			.retrieve().body(Map.class);
		return (String) client.get("id");
	}

	private static String addContact(String clientId, String name, String phone) {
		Map<?, ?> contact = staff.post().uri("/api/clients/{id}/contacts", clientId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", name, "role", "SPONSOR", "phone", phone, "channels", List.of("SMS"), "tier", 1))
			.retrieve().body(Map.class);
		return (String) contact.get("id");
	}

	private static void consent(String clientId, String contactId, String... types) {
		staff.post().uri("/api/clients/{id}/contacts/{c}/consents", clientId, contactId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("alertTypes", List.of(types), "purpose", "support in recovery", "expiresOn", "2099-12-31"))
			.retrieve().toBodilessEntity();
	}

	/** The notifier reads profiles asynchronously; the check-in must not race ahead of the opt-in. */
	private static void awaitProfileWithOptIn(String clientId) {
		var jdbc = platform.notifier.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
		await().atMost(Duration.ofSeconds(60)).until(() -> jdbc
			.sql("select count(*) from client_profile where client_id = ? and payload like '%\"confirmedChannels\":[\"SMS\"]%'")
			.param(clientId).query(Integer.class).single() == 1);
	}
}
