package app.lantern.system;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.CheckInReceived;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.local.KafkaCluster;
import app.lantern.testsupport.SharedInfrastructure;
import app.lantern.testsupport.TopicRecords;
import app.lantern.testsupport.TwilioDouble;
import app.lantern.local.ScratchDirectories;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The production shape, locally: a Kafka cluster of three KRaft nodes (replication factor 3,
 * {@code min.insync.replicas=2}) and two instances of each service, under a steady load of check-ins through
 * both checkin-service instances — most ordinary, some with a craving of 9, some in crisis — while a set of
 * clients' deadline passes. One broker and one instance of each service are killed with SIGKILL shortly before
 * the deadline and brought back after it. Counted: acknowledged check-ins lost, alerts raised twice, deadlines
 * missed, SMS sent twice (all must be 0), and how long alerting took across the faults.
 */
@Order(Integer.MAX_VALUE - 2)
class ClusterFaultsTest {

	private static final String PASSWORD = "cluster-faults-admin";

	private static final Pattern DELIVERY_ID = Pattern.compile("d=([0-9a-f-]{36})");

	/** As in production (the Kubernetes manifests set it): one JSON object per line. */
	private static final String STRUCTURED_LOGS = "--logging.structured.format.console=ecs";

	private static final int STEADY_CLIENTS = 20;

	private static final int CRAVING_CLIENTS = 30;

	private static final int CRISIS_CLIENTS = 10;

	private static final int DEADLINE_CLIENTS = 20;

	/** Sponsor phone per client id, filled at enrolment. */
	private final Map<String, String> sponsors = new ConcurrentHashMap<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<String, Instant> acknowledged = new ConcurrentHashMap<>();

	private final Map<String, Instant> alertingAcknowledged = new ConcurrentHashMap<>();

	private final AtomicLong unanswered = new AtomicLong();

	@Test
	void oneBrokerAndOneInstanceOfEachServiceKilledLoseNothingAndRepeatNothing() throws Exception {
		Path work = ScratchDirectories.create("cluster-faults");
		WireMockServer twilio = TwilioDouble.start(32);
		twilio.stubFor(post(urlPathMatching("/2010-04-01/Accounts/.*/Messages.json")).willReturn(aResponse()
			.withStatus(201).withHeader("Content-Type", "application/json")
			.withBody("{\"sid\":\"SM1\",\"status\":\"queued\"}")));
		String checkinDb = SharedInfrastructure.databaseUrl("cluster_checkin");
		String notifierDb = SharedInfrastructure.databaseUrl("cluster_notifier");
		String twilioUrl = "http://localhost:" + twilio.port();
		ScheduledExecutorService load = Executors.newScheduledThreadPool(8);
		List<ServiceProcess> services = new ArrayList<>();
		try (KafkaCluster cluster = KafkaCluster.start(System.getProperty("java.class.path"), work.resolve("kafka"), 3,
				false)) {
			String kafka = cluster.bootstrapServers();
			ServiceProcess[] checkin = new ServiceProcess[2];
			ServiceProcess[] alert = new ServiceProcess[2];
			ServiceProcess[] notifier = new ServiceProcess[2];
			for (int i = 0; i < 2; i++) {
				checkin[i] = checkin(kafka, checkinDb, work, i, 0);
				alert[i] = alert(kafka, work, i, 0);
				notifier[i] = notifier(kafka, notifierDb, twilioUrl, work, i, 0);
				services.addAll(List.of(checkin[i], alert[i], notifier[i]));
			}
			for (ServiceProcess service : services) {
				service.awaitReady(Duration.ofMinutes(4));
			}
			long started = System.nanoTime();
			RestClient api = RestClient.builder().baseUrl("http://localhost:" + checkin[0].port())
				.defaultHeaders(headers -> headers.setBasicAuth("admin", PASSWORD)).build();

			LocalTime farAway = LocalTime.now(ZoneOffset.UTC).plusHours(6).truncatedTo(ChronoUnit.MINUTES);
			List<String> steady = enrol(api, "steady", STEADY_CLIENTS, farAway);
			List<String> craving = enrol(api, "craving", CRAVING_CLIENTS, farAway);
			List<String> crisis = enrol(api, "crisis", CRISIS_CLIENTS, farAway);
			// the deadline clients: due at a whole minute at least 30 s away, with a minute's grace
			Instant deadline = Instant.now().plusSeconds(150).truncatedTo(ChronoUnit.MINUTES);
			LocalTime due = LocalTime.ofInstant(deadline.minus(Duration.ofMinutes(1)), ZoneOffset.UTC);
			List<String> deadlineClients = enrol(api, "deadline", DEADLINE_CLIENTS, due);
			assertThat(Instant.now()).as("enrolled before the deadline clients' due time")
				.isBefore(deadline.minus(Duration.ofMinutes(1)));

			// the load: 10 ordinary check-ins a second, and one alerting check-in every 2.5 s, through both
			// instances (a request that finds its instance dead is sent to the other with the same key)
			List<Integer> ports = List.of(checkin[0].port(), checkin[1].port());
			AtomicLong sequence = new AtomicLong();
			load.scheduleAtFixedRate(() -> checkIn(ports, steady.get((int) (sequence.get() % STEADY_CLIENTS)),
					sequence.getAndIncrement(), "{\"craving\":2,\"mood\":4}", false), 0, 100, TimeUnit.MILLISECONDS);
			List<String[]> schedule = alertingSchedule(craving, crisis);
			Instant loadEnds = deadline.plusSeconds(45);
			long spacing = Duration.between(Instant.now(), loadEnds).toMillis() / schedule.size();
			for (int i = 0; i < schedule.size(); i++) {
				String[] step = schedule.get(i);
				load.schedule(() -> checkIn(ports, step[0], -1, step[1], true), i * spacing, TimeUnit.MILLISECONDS);
			}

			// the faults, around the deadline
			sleepUntil(deadline.minusSeconds(30));
			cluster.kill(0);
			Instant brokerKilled = Instant.now();
			sleepUntil(deadline.minusSeconds(15));
			checkin[0].kill();
			alert[0].kill();
			notifier[0].kill();
			Instant instancesKilled = Instant.now();
			sleepUntil(deadline.plusSeconds(15));
			cluster.restart(0);
			sleepUntil(deadline.plusSeconds(25));
			checkin[0] = checkin(kafka, checkinDb, work, 0, 1);
			alert[0] = alert(kafka, work, 0, 1);
			notifier[0] = notifier(kafka, notifierDb, twilioUrl, work, 0, 1);
			services.addAll(List.of(checkin[0], alert[0], notifier[0]));
			sleepUntil(loadEnds.plusSeconds(1));
			load.shutdown();
			assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

			// every alert reaches its sponsor: 30 cravings, 10 crises, 20 deadlines
			int expectedAlerts = CRAVING_CLIENTS + CRISIS_CLIENTS + DEADLINE_CLIENTS;
			try {
				await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
					.until(() -> sponsorSms(twilio).keySet().size() >= expectedAlerts);
			}
			catch (org.awaitility.core.ConditionTimeoutException someUntold) {
				// who was not told is counted and asserted below
			}
			int settled = sponsorSms(twilio).values().stream().mapToInt(List::size).sum();
			try {
				await("nothing more is sent").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15))
					.until(() -> sponsorSms(twilio).values().stream().mapToInt(List::size).sum() == settled);
			}
			catch (org.awaitility.core.ConditionTimeoutException more) {
				// more was sent: counted below, and the assertions say what
			}

			// the counts
			Set<String> published = TopicRecords.all(kafka, Topics.CHECKINS).stream()
				.map(record -> EventJson.read(record.value(), CheckInReceived.class).checkInId().toString())
				.collect(Collectors.toSet());
			List<String> lost = acknowledged.keySet().stream().filter(id -> !published.contains(id)).toList();
			List<AlertEvent> alerts = TopicRecords.all(kafka, Topics.ALERTS).stream()
				.map(record -> EventJson.read(record.value(), AlertEvent.class))
				.filter(event -> event.state() == AlertState.RAISED)
				.toList();
			Map<String, Long> raisedPerClientAndType = alerts.stream()
				.collect(Collectors.groupingBy(event -> event.clientId() + "/" + event.type(), Collectors.counting()));
			long raisedTwice = raisedPerClientAndType.values().stream().filter(count -> count > 1).count();
			Set<String> missedRaised = alerts.stream().filter(event -> event.type() == AlertType.MISSED_CHECKIN)
				.map(AlertEvent::clientId).collect(Collectors.toSet());
			List<String> deadlinesMissed = deadlineClients.stream().filter(id -> !missedRaised.contains(id)).toList();
			Map<String, List<Instant>> sms = sponsorSms(twilio);
			long smsTwice = sms.values().stream().filter(sends -> sends.size() > 1).count();
			Map<String, Integer> perDelivery = sendsPerDelivery(twilio);
			long deliveriesTwice = perDelivery.values().stream().filter(count -> count > 1).count();

			// alerting latency: an alerting check-in's 202 to its sponsor's SMS at the Twilio double
			Map<String, String> sponsorOf = sponsors;
			List<Long> latencies = new ArrayList<>();
			long worstAfterKill = 0;
			for (var entry : alertingAcknowledged.entrySet()) {
				List<Instant> sent = sms.get(sponsorOf.get(entry.getKey()));
				if (sent != null && !sent.isEmpty()) {
					long millis = Duration.between(entry.getValue(), sent.get(0)).toMillis();
					latencies.add(millis);
					if (entry.getValue().isAfter(instancesKilled.minusSeconds(5))) {
						worstAfterKill = Math.max(worstAfterKill, millis);
					}
				}
			}
			latencies.sort(null);
			// where the time went: check-in to its alert on lantern.alerts.v1, and that alert to the sponsor's SMS
			Map<String, Instant> firstAlert = new HashMap<>();
			for (var record : TopicRecords.all(kafka, Topics.ALERTS)) {
				AlertEvent event = EventJson.read(record.value(), AlertEvent.class);
				if (event.state() == AlertState.RAISED) {
					firstAlert.merge(event.clientId(), Instant.ofEpochMilli(record.timestamp()),
							(a, b) -> a.isBefore(b) ? a : b);
				}
			}
			Map<String, Instant> onKafka = new HashMap<>();
			for (var record : TopicRecords.all(kafka, Topics.CHECKINS)) {
				CheckInReceived checkIn = EventJson.read(record.value(), CheckInReceived.class);
				if (alertingAcknowledged.containsKey(checkIn.clientId())) {
					onKafka.merge(checkIn.clientId(), Instant.ofEpochMilli(record.timestamp()),
							(a, b) -> a.isBefore(b) ? a : b);
				}
			}
			long worstToAlert = 0;
			long worstAlertToSms = 0;
			String worst = null;
			for (var entry : alertingAcknowledged.entrySet()) {
				Instant alerted = firstAlert.get(entry.getKey());
				List<Instant> sent = sms.get(sponsorOf.get(entry.getKey()));
				if (alerted != null) {
					long toAlert = Duration.between(entry.getValue(), alerted).toMillis();
					if (toAlert > worstToAlert) {
						worstToAlert = toAlert;
						Instant out = onKafka.get(entry.getKey());
						worst = String.format("acknowledged %+.1f s from the instance kills, on Kafka %.1f s later, "
								+ "alerted %.1f s after that", Duration.between(instancesKilled, entry.getValue()).toMillis()
										/ 1000.0, out == null ? Double.NaN : Duration.between(entry.getValue(), out).toMillis()
										/ 1000.0, out == null ? Double.NaN : Duration.between(out, alerted).toMillis() / 1000.0);
					}
					if (sent != null && !sent.isEmpty()) {
						worstAlertToSms = Math.max(worstAlertToSms, Duration.between(alerted, sent.get(0)).toMillis());
					}
				}
			}
			System.out.printf("  worst check-in -> alert %d ms (%s), worst alert -> SMS %d ms%n", worstToAlert, worst,
					worstAlertToSms);
			Instant lastMissedSms = deadlineClients.stream().map(sponsorOf::get).map(sms::get)
				.filter(sends -> sends != null && !sends.isEmpty()).map(sends -> sends.get(0))
				.max(Instant::compareTo).orElse(null);
			System.out.printf("""
					cluster faults: 3 KRaft nodes (RF 3, min ISR 2), 2 instances of each service; node 1 SIGKILLed
					  %s before the deadline, one instance of each service %s before it; all back after it
					  check-ins acknowledged %d (requests that found their instance dead and went to the other: %d)
					  acknowledged check-ins lost      %d
					  alerts raised twice              %d (of %d raised)
					  deadlines missed                 %d (of %d); the last sponsor told %.1f s after the deadline
					  SMS sent twice                   %d per sponsor, %d per delivery (of %d deliveries)
					  check-in -> sponsor SMS          p50 %d ms, max %d ms; worst for check-ins from 5 s before
					                                   the instance kills on: %d ms
					  whole run %.0f s
					""", Duration.between(brokerKilled, deadline).toSeconds() + " s",
					Duration.between(instancesKilled, deadline).toSeconds() + " s", acknowledged.size(),
					unanswered.get(), lost.size(), raisedTwice, alerts.size(), deadlinesMissed.size(), DEADLINE_CLIENTS,
					lastMissedSms == null ? Double.NaN : Duration.between(deadline, lastMissedSms).toMillis() / 1000.0,
					smsTwice, deliveriesTwice, perDelivery.size(),
					latencies.isEmpty() ? -1 : latencies.get(latencies.size() / 2),
					latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1), worstAfterKill,
					(System.nanoTime() - started) / 1e9);

			Map<String, Long> untold = new java.util.TreeMap<>();
			Map.of("craving", craving, "crisis", crisis, "deadline", deadlineClients).forEach((group, clients) ->
				untold.put(group, clients.stream().filter(id -> !sms.containsKey(sponsorOf.get(id))).count()));
			System.out.printf("  sponsors not told, per group: %s%n", untold);

			assertThat(untold.values()).as("sponsors not told, per group: " + untold).allMatch(count -> count == 0);
			assertThat(lost).as("acknowledged check-ins lost").isEmpty();
			assertThat(raisedTwice).as("alerts raised twice").isZero();
			assertThat(deadlinesMissed).as("deadlines missed").isEmpty();
			assertThat(smsTwice).as("sponsors told twice").isZero();
			assertThat(deliveriesTwice).as("deliveries sent twice").isZero();
			assertThat(alertingAcknowledged).as("every alerting check-in acknowledged")
				.hasSize(CRAVING_CLIENTS + CRISIS_CLIENTS);
			logsAreJsonWithoutPhoneNumbers(work);
		}
		finally {
			load.shutdownNow();
			for (ServiceProcess service : services) {
				service.close();
			}
			twilio.stop();
			keepLogs(work);
		}
	}

	private static List<String[]> alertingSchedule(List<String> craving, List<String> crisis) {
		List<String[]> schedule = new ArrayList<>();
		int c = 0;
		int k = 0;
		while (c < craving.size() || k < crisis.size()) {
			for (int i = 0; i < 3 && c < craving.size(); i++) {
				schedule.add(new String[] { craving.get(c++), "{\"craving\":9}" });
			}
			if (k < crisis.size()) {
				schedule.add(new String[] { crisis.get(k++), "{\"craving\":3,\"crisis\":true}" });
			}
		}
		return schedule;
	}

	/**
	 * One check-in, to the instances in turn; a request that gets no answer (its instance dead) is sent to the
	 * other with the same Idempotency-Key, as a client would retry. Only a 202 counts as acknowledged.
	 */
	private void checkIn(List<Integer> ports, String clientId, long n, String fields, boolean alerting) {
		String key = UUID.randomUUID().toString();
		String body = "{\"clientId\":\"" + clientId + "\"," + fields.substring(1);
		int first = (int) Math.floorMod(n < 0 ? key.hashCode() : n, ports.size());
		for (int attempt = 0; attempt < 6; attempt++) {
			int port = ports.get((first + attempt) % ports.size());
			try {
				HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
						URI.create("http://localhost:" + port + "/api/checkins"))
					.timeout(Duration.ofSeconds(5))
					.header("Authorization", "Basic " + Base64.getEncoder()
						.encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
					.header("Content-Type", "application/json")
					.header("Idempotency-Key", key)
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (answer.statusCode() == 202) {
					Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(answer.body());
					assertThat(id.find()).isTrue();
					Instant now = Instant.now();
					acknowledged.put(id.group(1), now);
					if (alerting) {
						alertingAcknowledged.put(clientId, now);
					}
					return;
				}
			}
			catch (Exception noAnswer) {
				// the instance is dead or did not answer in time: the other one next
			}
			unanswered.incrementAndGet();
		}
	}

	private List<String> enrol(RestClient api, String prefix, int count, LocalTime due) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Map<?, ?> client = api.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("displayName", prefix + " " + i, "phone", phone(prefix, i, 0), "timezone", "UTC",
						"schedule", Map.of("dueTimes", List.of(due.toString()), "graceMinutes", 1,
								"reminderMinutesBefore", 0),
						"cravingThreshold", 8))
				.retrieve().body(Map.class);
			String id = (String) client.get("id");
			String sponsor = phone(prefix, i, 1);
			Map<?, ?> contact = api.post().uri("/api/clients/{id}/contacts", id).contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("name", "Sam", "role", "SPONSOR", "phone", sponsor, "channels", List.of("SMS")))
				.retrieve().body(Map.class);
			String contactId = (String) contact.get("id");
			api.post().uri("/api/clients/{id}/contacts/{c}/consents", id, contactId)
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("alertTypes", List.of("CRISIS", "HIGH_CRAVING", "MISSED_CHECKIN"), "purpose", "support",
						"expiryEvent", "discharge"))
				.retrieve().toBodilessEntity();
			api.post().uri("/api/clients/{id}/contacts/{c}/opt-in", id, contactId)
				.contentType(MediaType.APPLICATION_JSON).body(Map.of("channel", "SMS")).retrieve().toBodilessEntity();
			sponsors.put(id, sponsor);
			ids.add(id);
		}
		return ids;
	}

	/** A distinct valid number per group, client and role (0 the client, 1 the sponsor). */
	private static String phone(String prefix, int i, int role) {
		int group = switch (prefix) {
			case "deadline" -> 1;
			case "steady" -> 2;
			case "craving" -> 3;
			default -> 4;
		};
		return String.format("+1202555%d%d%02d", group, role, i);
	}

	/** The alert SMS each sponsor got (not the invitation), with when the double received them. */
	private Map<String, List<Instant>> sponsorSms(WireMockServer twilio) {
		Set<String> sponsorPhones = Set.copyOf(sponsors.values());
		Map<String, List<Instant>> sms = new HashMap<>();
		for (ServeEvent event : twilio.getAllServeEvents()) {
			if (!event.getRequest().getMethod().getName().equals("POST")) {
				continue;
			}
			String body = URLDecoder.decode(event.getRequest().getBodyAsString(), StandardCharsets.UTF_8);
			Matcher to = Pattern.compile("To=(\\+[0-9]+)").matcher(body);
			if (to.find() && sponsorPhones.contains(to.group(1)) && !body.contains("added you as a support contact")) {
				sms.computeIfAbsent(to.group(1), phone -> new ArrayList<>())
					.add(event.getRequest().getLoggedDate().toInstant());
			}
		}
		sms.values().forEach(sends -> sends.sort(null));
		return sms;
	}

	private static Map<String, Integer> sendsPerDelivery(WireMockServer twilio) {
		Map<String, Integer> sends = new HashMap<>();
		for (ServeEvent event : twilio.getAllServeEvents()) {
			if (event.getRequest().getMethod().getName().equals("POST")) {
				Matcher id = DELIVERY_ID
					.matcher(URLDecoder.decode(event.getRequest().getBodyAsString(), StandardCharsets.UTF_8));
				if (id.find()) {
					sends.merge(id.group(1), 1, Integer::sum);
				}
			}
		}
		return sends;
	}

	private static ServiceProcess checkin(String kafka, String database, Path work, int instance, int life)
			throws Exception {
		String name = "checkin-" + instance + "-" + life;
		return ServiceProcess.checkinService(kafka, database, PASSWORD, "cluster-twilio-token",
				work.resolve("spool-" + instance), work.resolve(name + ".log"), STRUCTURED_LOGS);
	}

	private static ServiceProcess alert(String kafka, Path work, int instance, int life) throws Exception {
		return ServiceProcess.alertService(kafka, "cluster-faults", work.resolve("streams-" + instance + "-" + life),
				work.resolve("alert-" + instance + "-" + life + ".log"), "--spring.kafka.streams.replication-factor=3",
				STRUCTURED_LOGS, "--logging.level.org.apache.kafka.streams=INFO",
				"--logging.level.org.apache.kafka.clients.consumer.internals=INFO");
	}

	private static ServiceProcess notifier(String kafka, String database, String twilioUrl, Path work, int instance,
			int life) throws Exception {
		return ServiceProcess.notifierService(kafka, database, twilioUrl, "+1202555990" + instance,
				work.resolve("notifier-" + instance + "-" + life + ".log"), STRUCTURED_LOGS);
	}

	/**
	 * The services log structured JSON (Boot's ECS format, as in production), and not one line of any service,
	 * through the kills and the restarts, carries a client's or a sponsor's phone number.
	 */
	private void logsAreJsonWithoutPhoneNumbers(Path work) throws Exception {
		Set<String> phones = new java.util.HashSet<>(sponsors.values());
		for (String group : List.of("deadline", "steady", "craving", "crisis")) {
			for (int i = 0; i < 30; i++) {
				phones.add(phone(group, i, 0));
			}
		}
		var json = tools.jackson.databind.json.JsonMapper.builder().build();
		int lines = 0;
		try (var logs = Files.list(work)) {
			for (Path log : logs.filter(file -> file.getFileName().toString().endsWith(".log")).toList()) {
				for (String line : Files.readAllLines(log)) {
					if (line.startsWith("{")) {
						assertThat(json.readTree(line).path("service.name").isMissingNode()
								&& json.readTree(line).path("service").isMissingNode())
							.as("an ECS line names its service: " + log.getFileName()).isFalse();
						lines++;
					}
					for (String phone : phones) {
						assertThat(line).as(log.getFileName() + " carries a phone number").doesNotContain(phone);
					}
				}
			}
		}
		assertThat(lines).as("JSON log lines").isGreaterThan(100);
		System.out.printf("  logs: %d JSON lines, no phone number in any%n", lines);
	}

	/** The services' logs (JSON, Kafka Streams' rebalances at INFO) stay in target/ for a run to be read after. */
	private static void keepLogs(Path work) throws java.io.IOException {
		Path kept = Path.of("target", "cluster-faults");
		Files.createDirectories(kept);
		try (var logs = Files.list(work)) {
			for (Path log : logs.filter(file -> file.getFileName().toString().endsWith(".log")).toList()) {
				Files.copy(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

	/** The scenario's clock: the faults come at set moments around the deadline. */
	private static void sleepUntil(Instant moment) {
		await().atMost(Duration.between(Instant.now(), moment).plusSeconds(5)).pollInterval(Duration.ofMillis(100))
			.until(() -> !Instant.now().isBefore(moment));
	}
}
