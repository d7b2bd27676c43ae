package app.lantern.system;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import app.lantern.events.ClientProfile;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.testsupport.Enrolments;
import app.lantern.testsupport.SharedInfrastructure;
import app.lantern.testsupport.SignedSms;
import app.lantern.testsupport.TopicRecords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * What the system tests do on a running sandbox platform, in a case manager's words: the admin's API, texts from a
 * phone through Twilio's signed webhook, the rota, and what the sandbox outbox holds for a number. Every time it
 * sets (a shift) is the platform's clock, which the tests move.
 */
final class Staff {

	static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	final RunningPlatform platform;

	/** The admin, signed in with HTTP Basic. */
	final RestClient api;

	private final JdbcClient notifierDb;

	Staff(RunningPlatform platform) {
		this.platform = platform;
		this.api = RestClient.builder()
			.baseUrl(RunningPlatform.baseUrl(platform.checkin))
			.defaultHeaders(headers -> headers.setBasicAuth("admin", RunningPlatform.ADMIN_PASSWORD))
			.build();
		this.notifierDb = platform.notifier.getBean(JdbcClient.class);
	}

	/** A programme of its own, so that a test's clients, alerts and shifts stay apart from every other test's. */
	String newProgramme(String name) {
		String id = "p-" + UUID.randomUUID().toString().substring(0, 8);
		api.post().uri("/api/programmes").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("id", id, "name", name, "timezone", "UTC", "defaultRegion", "US"))
			.retrieve().toBodilessEntity();
		return id;
	}

	/**
	 * A new staff user with this phone, on call for the clients of {@code programme} (null: every programme) from an
	 * hour ago by the platform's clock, for eight hours; returns the shift's id.
	 */
	String onCallNow(String username, String phone, String programme) {
		newStaffMember(username, phone);
		LocalDateTime now = LocalDateTime.ofInstant(platform.clock.instant(), ZoneOffset.UTC).withNano(0);
		Map<String, Object> shift = new HashMap<>(Map.of("startsAt", now.minusHours(1).toString(), "endsAt",
				now.plusHours(8).toString(), "primary", username));
		if (programme != null) {
			shift.put("programme", programme);
		}
		Map<?, ?> created = api.post().uri("/api/staff/on-call").contentType(MediaType.APPLICATION_JSON).body(shift)
			.retrieve().body(Map.class);
		return (String) created.get("id");
	}

	/** A new STAFF user with this phone, working in {@code programmes} (none: every programme). */
	void newStaffMember(String username, String phone, String... programmes) {
		api.post().uri("/api/staff").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", username, "password", "a long enough password", "role", "STAFF", "programmes",
					List.of(programmes)))
			.retrieve()
			.toBodilessEntity();
		api.put().uri("/api/staff/{u}/contact", username).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("phone", phone)).retrieve().toBodilessEntity();
	}

	/** The shift ends: no later alert of another test reaches it. */
	void endShift(String shiftId) {
		api.delete().uri("/api/staff/on-call/{id}", shiftId).retrieve().toBodilessEntity();
	}

	/** A text from {@code phone}, signed as Twilio signs it for the service's public URL; answers the reply's TwiML. */
	String text(String phone, String body) {
		return SignedSms.send(RunningPlatform.baseUrl(platform.checkin), "http://localhost:8080",
				RunningPlatform.WEBHOOK_TOKEN, phone, body);
	}

	void checkIn(String clientId, int craving) {
		api.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", clientId, "craving", craving)).retrieve().toBodilessEntity();
	}

	List<Map<String, Object>> openAlerts(String clientId) {
		return api.get().uri("/api/alerts?state=OPEN&clientId={id}", clientId).retrieve().body(LIST);
	}

	List<Map<String, Object>> disclosures(String clientId) {
		return api.get().uri("/api/disclosures?clientId={id}", clientId).retrieve().body(LIST);
	}

	/** A message the sandbox outbox holds: what would have been sent, and when by the platform's clock. */
	record Sent(String body, Instant at) {
	}

	/** What was sent to {@code address}, oldest first. */
	List<Sent> sentTo(String address) {
		return notifierDb.sql("select body, sent_at from sandbox_message where address = ? order by id")
			.param(address)
			.query((rs, n) -> new Sent(rs.getString("body"), rs.getTimestamp("sent_at").toInstant()))
			.list();
	}

	/** The texts sent to {@code address}, oldest first. */
	List<String> textsTo(String address) {
		return sentTo(address).stream().map(Sent::body).toList();
	}

	/** Until the notifier holds the client's profile with a contact who confirmed SMS: a check-in must not race it. */
	void awaitOptedIn(String clientId) {
		awaitNotifierHolds(clientId, "\"confirmedChannels\":[\"SMS\"]");
	}

	/** Until the notifier's copy of the client's profile holds {@code fragment} of its JSON. */
	void awaitNotifierHolds(String clientId, String fragment) {
		await().atMost(Duration.ofSeconds(60)).until(() -> notifierDb
			.sql("select count(*) from client_profile where client_id = ? and strpos(payload, ?) > 0")
			.params(clientId, fragment).query(Integer.class).single() == 1);
	}

	/** Until the notifier's copy of the on-call rota holds {@code fragment} of its JSON (a staff member, a shift). */
	void awaitNotifierRota(String fragment) {
		await().atMost(Duration.ofSeconds(30)).until(() -> notifierDb
			.sql("select count(*) from on_call_rota where strpos(payload, ?) > 0").param(fragment)
			.query(Integer.class).single() == 1);
	}

	/** Until the newest profile of the client on the topic satisfies {@code condition}. */
	void awaitProfile(String clientId, Predicate<ClientProfile> condition) {
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			var records = TopicRecords.all(Topics.CLIENT_PROFILES).stream()
				.filter(record -> clientId.equals(record.key())).toList();
			return !records.isEmpty()
					&& condition.test(EventJson.read(records.get(records.size() - 1).value(), ClientProfile.class));
		});
	}

	/**
	 * Until the rules engine has read every record of the client now on {@code topic} (its consumer group committed
	 * past the last one, which under exactly-once means its work on it is done): the next move of the clock is
	 * judged with it.
	 */
	void awaitEngineRead(String topic, String clientId) {
		ConsumerRecord<String, String> last = await().atMost(Duration.ofSeconds(30))
			.until(() -> TopicRecords.all(topic).stream().filter(record -> clientId.equals(record.key()))
				.reduce((first, second) -> second), Optional::isPresent)
			.get();
		TopicPartition partition = new TopicPartition(topic, last.partition());
		try (Admin kafka = Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.kafkaBootstrapServers()))) {
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				OffsetAndMetadata committed = kafka.listConsumerGroupOffsets(RunningPlatform.ALERT_SERVICE_GROUP)
					.partitionsToOffsetAndMetadata().get().get(partition);
				return committed != null && committed.offset() > last.offset();
			});
		}
	}

	/** A due time, as an instant and as the API takes it: the time of day in UTC, to the second. */
	record Due(Instant at, String time) {

		Instant plus(Duration duration) {
			return at.plus(duration);
		}
	}

	/**
	 * What an enrolment sets for a client of {@code programme} in UTC, due once a day at {@code due} with this grace
	 * (minutes) and the ladder's nudges (none: false and 0), no reminder before it.
	 */
	static Map<String, Object> dueDaily(String programme, Due due, int graceMinutes, boolean nudgeAtDue,
			int nudgeMinutesAfter) {
		return Map.of("programme", programme, "timezone", "UTC", "schedule",
				Enrolments.schedule(due.time(), graceMinutes, nudgeAtDue, nudgeMinutesAfter));
	}

	/** A due time this far ahead of the platform's clock. */
	Due dueIn(Duration ahead) {
		Instant at = platform.clock.instant().plus(ahead).truncatedTo(ChronoUnit.SECONDS);
		return new Due(at, LocalTime.ofInstant(at, ZoneOffset.UTC).toString());
	}

	/**
	 * Moves the platform's clock to {@code instant} (if it is still ahead): the services' next look — the rules
	 * engine's every second — finds due whatever fell due by then.
	 */
	void moveClockTo(Instant instant) {
		platform.clock.advanceTo(instant);
	}
}
