package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.testsupport.Enrolments;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;
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
@Order(10)
@ExtendWith(SandboxPlatform.class)
class WalkingSkeletonTest {

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = Staff.LIST;

	private static RunningPlatform platform;

	private static Staff admin;

	private static RestClient staff;

	private static RestClient notifier;

	@BeforeAll
	static void start() {
		platform = SandboxPlatform.platform();
		admin = SandboxPlatform.staff();
		staff = admin.api;
		notifier = RestClient.builder().baseUrl(RunningPlatform.baseUrl(platform.notifier)).build();
	}

	@Test
	void aHighCravingCheckInRaisesAnAlertAndTellsTheConsentedSponsor() {
		String clientId = Enrolments.enrol(staff, Enrolments.client("Jordan", "+12025550111"));
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
			List<Map<String, Object>> sent = staff.get().uri("/api/sandbox/messages?limit=1000").retrieve().body(LIST);
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
		String clientId = Enrolments.enrol(staff, Enrolments.client("Tracy", "+12025550186"));
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
	private static String consentedSponsor(String clientId, String phone) {
		String sponsor = Enrolments.sponsor(staff, clientId, phone, "HIGH_CRAVING").sponsorId();
		admin.awaitOptedIn(clientId);
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
		String clientId = Enrolments.enrol(staff, Enrolments.client("Riley", "+12025550121"));
		String brother = Enrolments.addSponsor(staff, clientId, "Alex", "+12025550122");
		Enrolments.optIn(staff, clientId, brother, "SMS");
		admin.awaitOptedIn(clientId);

		staff.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", clientId, "craving", 10)).retrieve().toBodilessEntity();

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			List<Map<String, Object>> log = staff.get().uri("/api/disclosures?clientId={id}", clientId).retrieve()
				.body(LIST);
			assertThat(log).filteredOn(line -> line.get("alertType") != null).singleElement()
				.satisfies(line -> assertThat(line).containsEntry("status", "SUPPRESSED").containsEntry("reason", "NO_CONSENT"));
		});
		// the suppression is logged after the notifier decided: by then anything it sent would be in the outbox
		assertThat(admin.textsTo("+12025550122"))
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
		String programme = admin.newProgramme("Crisis");
		String shift = admin.onCallNow(onCall, "+12025550131", programme);
		try {
			String clientId = Enrolments.enrol(staff, Enrolments.client("Morgan", "+12025550132",
					Map.of("programme", programme)));

			staff.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("clientId", clientId, "craving", 3, "crisis", true)).retrieve().toBodilessEntity();

			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(admin.textsTo("+12025550131"))
				.singleElement()
				.satisfies(body -> assertThat(body).startsWith("Lantern on call: a client asked for help urgently at")
					.contains("/clients/" + clientId)
					.doesNotContain("Morgan")));
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(admin.disclosures(clientId))
				.anySatisfy(line -> assertThat(line).containsEntry("recipient", "staff:" + onCall)
					.containsEntry("status", "SENT").containsEntry("alertType", "CRISIS")
					.containsEntry("consentId", null)));
		}
		finally {
			admin.endShift(shift);
		}
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
			Enrolments.Sponsored one = Enrolments.withSponsor(staff,
					Enrolments.client("Rev" + i, String.format("+1202556%04d", i)), String.format("+1202557%04d", i),
					"HIGH_CRAVING");
			enrolled.add(new String[] { one.clientId(), one.sponsorId(), one.consentId() });
		}
		enrolled.forEach(one -> admin.awaitOptedIn(one[0]));
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
		Enrolments.consent(staff, clientId, contactId, "HIGH_CRAVING");
		for (String channel : List.of("SMS", "EMAIL")) {
			Enrolments.optIn(staff, clientId, contactId, channel);
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
}
