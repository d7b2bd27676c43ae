package app.lantern.system;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.lantern.local.KafkaCluster;
import app.lantern.testsupport.Enrolments;
import org.springframework.web.client.RestClient;

/**
 * The cluster faults scenario, as it happens: a Kafka cluster of three KRaft nodes and two instances of each service
 * start; clients are enrolled in four groups (steady check-ins, cravings, crises, and a deadline that passes during
 * the run); a steady load of check-ins goes through both checkin-service instances while one alerting check-in
 * follows another; one broker and one instance of each service are SIGKILLed shortly before the deadline and
 * brought back after it. What it did — who was acknowledged when, and when the faults came — is its {@link Run}.
 */
final class ClusterScenario {

	static final String PASSWORD = "cluster-faults-admin";

	static final Map<String, Integer> GROUPS = Map.of("steady", 20, "craving", 30, "crisis", 10, "deadline", 20);

	/** As in production (the Kubernetes manifests set it): one JSON object per line. */
	private static final String STRUCTURED_LOGS = "--logging.structured.format.console=ecs";

	private static final Pattern CHECK_IN_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

	/**
	 * What the scenario did: the clients of each group and their sponsors' phones; each acknowledged check-in (by
	 * id) and each alerting client with the moment of its 202; requests that found their instance dead; when the
	 * deadline passed and the faults came.
	 */
	record Run(Map<String, List<String>> clients, Map<String, String> sponsors, Map<String, Instant> acknowledged,
			Map<String, Instant> alertingAcknowledged, long unanswered, Instant deadline, Instant brokerKilled,
			Instant instancesKilled) {
	}

	private final KafkaCluster cluster;

	private final Path work;

	private final String twilioUrl;

	private final String checkinDb;

	private final String notifierDb;

	private final List<ServiceProcess> services = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<String, String> sponsors = new ConcurrentHashMap<>();

	private final Map<String, Instant> acknowledged = new ConcurrentHashMap<>();

	private final Map<String, Instant> alertingAcknowledged = new ConcurrentHashMap<>();

	private final AtomicLong unanswered = new AtomicLong();

	ClusterScenario(KafkaCluster cluster, Path work, String twilioUrl, String checkinDb, String notifierDb) {
		this.cluster = cluster;
		this.work = work;
		this.twilioUrl = twilioUrl;
		this.checkinDb = checkinDb;
		this.notifierDb = notifierDb;
	}

	/** Every service process started, for the test to stop at the end whatever happened. */
	List<ServiceProcess> services() {
		return services;
	}

	Run run() throws Exception {
		String kafka = cluster.bootstrapServers();
		ServiceProcess[] checkin = new ServiceProcess[2];
		ServiceProcess[] alert = new ServiceProcess[2];
		ServiceProcess[] notifier = new ServiceProcess[2];
		for (int i = 0; i < 2; i++) {
			checkin[i] = started(checkin(kafka, i, 0));
			alert[i] = started(alert(kafka, i, 0));
			notifier[i] = started(notifier(kafka, i, 0));
		}
		for (ServiceProcess service : services) {
			service.awaitReady(Duration.ofMinutes(4));
		}
		RestClient api = RestClient.builder().baseUrl("http://localhost:" + checkin[0].port())
			.defaultHeaders(headers -> headers.setBasicAuth("admin", PASSWORD)).build();

		LocalTime farAway = LocalTime.now(ZoneOffset.UTC).plusHours(6).truncatedTo(ChronoUnit.MINUTES);
		Map<String, List<String>> clients = new LinkedHashMap<>();
		for (String group : List.of("steady", "craving", "crisis")) {
			clients.put(group, enrol(api, group, farAway));
		}
		// the deadline clients, enrolled last: due (to the second) 20 s after their enrolment starts, with a minute's
		// grace; the broker is killed 30 s before the deadline, so the load runs about 30 s before the first fault
		Instant due = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
		Instant deadline = due.plus(Duration.ofMinutes(1));
		clients.put("deadline", enrol(api, "deadline", LocalTime.ofInstant(due, ZoneOffset.UTC)));
		if (!Instant.now().isBefore(due)) {
			throw new IllegalStateException("enrolment took past the deadline clients' due time");
		}

		ScheduledExecutorService load = Executors.newScheduledThreadPool(8);
		try {
			Instant loadEnds = deadline.plusSeconds(45);
			startLoad(load, List.of(checkin[0].port(), checkin[1].port()), clients, loadEnds);

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
			started(checkin(kafka, 0, 1));
			started(alert(kafka, 0, 1));
			started(notifier(kafka, 0, 1));
			sleepUntil(loadEnds.plusSeconds(1));
			load.shutdown();
			if (!load.awaitTermination(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the load did not end");
			}
			return new Run(clients, Map.copyOf(sponsors), Map.copyOf(acknowledged), Map.copyOf(alertingAcknowledged),
					unanswered.get(), deadline, brokerKilled, instancesKilled);
		}
		finally {
			load.shutdownNow();
		}
	}

	/**
	 * Ten ordinary check-ins a second, and the alerting ones (three cravings of 9, then a crisis, and again) spread
	 * evenly until {@code ends}, through both instances.
	 */
	private void startLoad(ScheduledExecutorService load, List<Integer> ports, Map<String, List<String>> clients,
			Instant ends) {
		List<String> steady = clients.get("steady");
		AtomicLong sequence = new AtomicLong();
		load.scheduleAtFixedRate(() -> checkIn(ports, steady.get((int) (sequence.get() % steady.size())),
				sequence.getAndIncrement(), "{\"craving\":2,\"mood\":4}", false), 0, 100, TimeUnit.MILLISECONDS);
		List<String[]> alerting = alertingSchedule(clients.get("craving"), clients.get("crisis"));
		long spacing = Duration.between(Instant.now(), ends).toMillis() / alerting.size();
		for (int i = 0; i < alerting.size(); i++) {
			String[] step = alerting.get(i);
			load.schedule(() -> checkIn(ports, step[0], -1, step[1], true), i * spacing, TimeUnit.MILLISECONDS);
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
	 * One check-in, to the instances in turn; a request that gets no answer (its instance dead) is sent to the other
	 * with the same Idempotency-Key, as a client would retry. Only a 202 counts as acknowledged.
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
				Matcher id = CHECK_IN_ID.matcher(answer.body());
				if (answer.statusCode() == 202 && id.find()) {
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

	/** The group's clients, each with a sponsor consented to the alerts the scenario raises and opted in to SMS. */
	private List<String> enrol(RestClient api, String group, LocalTime due) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < GROUPS.get(group); i++) {
			var sponsored = Enrolments.withSponsor(api, Enrolments.client(group + " " + i, phone(group, i, 0),
					Map.of("timezone", "UTC", "schedule", Enrolments.schedule(due.toString(), 1, false, 0))),
					phone(group, i, 1), "CRISIS", "HIGH_CRAVING", "MISSED_CHECKIN");
			sponsors.put(sponsored.clientId(), sponsored.sponsorPhone());
			ids.add(sponsored.clientId());
		}
		return ids;
	}

	/** A distinct valid number per group, client and role (0 the client, 1 the sponsor). */
	static String phone(String group, int i, int role) {
		int prefix = switch (group) {
			case "deadline" -> 1;
			case "steady" -> 2;
			case "craving" -> 3;
			default -> 4;
		};
		return String.format("+1202555%d%d%02d", prefix, role, i);
	}

	private ServiceProcess started(ServiceProcess service) {
		services.add(service);
		return service;
	}

	private ServiceProcess checkin(String kafka, int instance, int life) throws Exception {
		String name = "checkin-" + instance + "-" + life;
		return ServiceProcess.checkinService(kafka, checkinDb, PASSWORD, "cluster-twilio-token",
				work.resolve("spool-" + instance), work.resolve(name + ".log"), STRUCTURED_LOGS);
	}

	private ServiceProcess alert(String kafka, int instance, int life) throws Exception {
		return ServiceProcess.alertService(kafka, "cluster-faults", work.resolve("streams-" + instance + "-" + life),
				work.resolve("alert-" + instance + "-" + life + ".log"), "--spring.kafka.streams.replication-factor=3",
				STRUCTURED_LOGS, "--logging.level.org.apache.kafka.streams=INFO",
				"--logging.level.org.apache.kafka.clients.consumer.internals=INFO");
	}

	private ServiceProcess notifier(String kafka, int instance, int life) throws Exception {
		return ServiceProcess.notifierService(kafka, notifierDb, twilioUrl, "+1202555990" + instance,
				work.resolve("notifier-" + instance + "-" + life + ".log"), STRUCTURED_LOGS);
	}

	/** The scenario's clock: the faults come at set moments around the deadline. */
	private static void sleepUntil(Instant moment) {
		Duration left = Duration.between(Instant.now(), moment);
		if (left.compareTo(Duration.ofMillis(200)) < 0) {
			// the step before took longer than its slot (a broker slow to restart on a busy machine): go on at once
			return;
		}
		await().atMost(left.plusSeconds(5)).pollInterval(Duration.ofMillis(100))
			.until(() -> !Instant.now().isBefore(moment));
	}
}
