package app.lantern.bench;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.EventJson;
import app.lantern.events.Severity;
import app.lantern.events.Topics;
import app.lantern.local.KafkaBroker;
import app.lantern.local.LocalPostgres;
import app.lantern.local.Ports;
import app.lantern.local.ScratchDirectories;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The notifier at volume, on a broker, a PostgreSQL and a notifier-service of the benchmark's own, with an
 * HTTP double of Twilio's Messages API: 100,000 HIGH_CRAVING alerts for clients with three consented,
 * opted-in SMS contacts each. Reports deliveries a second (first alert produced → last request at the
 * double), the alert → HTTP request latency, and whether any delivery reached the double twice.
 */
public final class NotifierThroughput {

		private static final String SID = "AC0000000000000000000000000000bench";

	public static void main(String[] args) throws Exception {
		int alerts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 6;
		int pacedRate = args.length > 2 ? Integer.parseInt(args[2]) : 200;
		Path work = ScratchDirectories.create("lantern-bench-notifier");
		int kafkaPort = Ports.freePair();
		int postgresPort = Ports.freePair();
		int httpPort = Ports.freePair();
		CountingTwilio twilio = CountingTwilio.start(alerts);
		KafkaBroker broker = KafkaBroker.start("bench/target/lib/*", work.resolve("kafka"), kafkaPort, false);
		LocalPostgres postgres = LocalPostgres.start(work.resolve("postgres"), postgresPort);
		String bootstrap = broker.bootstrapServers();
		Process service = null;
		try {
			Bench.createTopics(bootstrap, partitions);
			// the notifier on the benchmark's own Java, or on the one -Dnotifier.runtime names (its bin/java)
			List<String> command = new ArrayList<>(List.of(System.getProperty("notifier.runtime",
					Path.of(System.getProperty("java.home"), "bin", "java").toString()), "-Xmx1g"));
			// -Dnotifier.jvm="-XX:StartFlightRecording=filename=notifier.jfr,settings=profile": a profile of the run
			command.addAll(words(System.getProperty("notifier.jvm", "")));
			command.addAll(List.of("-jar", "notifier-service/target/notifier-service-exec.jar", "--server.port=" + httpPort,
					"--spring.kafka.bootstrap-servers=" + bootstrap,
					"--spring.datasource.url=" + postgres.url("lantern_notifier"),
					"--spring.datasource.username=" + LocalPostgres.USER, "--spring.datasource.password=" + LocalPostgres.PASSWORD,
					"--lantern.kafka.partitions=" + partitions, "--lantern.twilio.account-sid=" + SID,
					"--lantern.twilio.auth-token=bench", "--lantern.twilio.from=+12025550100", "--lantern.sandbox=true",
					"--lantern.twilio.api-base-url=http://localhost:" + twilio.port()));
			// the service's own settings, or what -Dnotifier.args="--lantern.delivery.concurrency=32 ..." says
			command.addAll(words(System.getProperty("notifier.args", "")));
			service = new ProcessBuilder(command)
				.redirectErrorStream(true)
				.redirectOutput(work.resolve("notifier-service.log").toFile())
				.start();
			Bench.awaitReady(httpPort, service);

			long loadStarted = System.nanoTime();
			Instant now = Instant.now();
			try (var producer = Bench.producer(bootstrap)) {
				for (int i = 0; i < alerts; i++) {
					producer.send(new ProducerRecord<>(Topics.CLIENT_PROFILES, DispatchClients.clientId(i), EventJson.writeString(DispatchClients.profile(i, now))));
				}
			}
			Bench.awaitConsumed(bootstrap, "notifier-service.profiles", Topics.CLIENT_PROFILES);
			System.out.printf("loaded %,d profiles (%,d contacts) in %.1f s%n", alerts, alerts * DispatchClients.CONTACTS,
					(System.nanoTime() - loadStarted) / 1e9);

			System.out.println("-- all at once: throughput");
			run(bootstrap, twilio, service, alerts, 0);
			int paced = Math.min(alerts, 10_000);
			System.out.printf("-- %,d alerts at %,d a second (%,d deliveries/s): latency below saturation%n", paced,
					pacedRate, pacedRate * DispatchClients.CONTACTS);
			run(bootstrap, twilio, service, paced, pacedRate);
			String metrics = Bench.get(httpPort, "/actuator/prometheus");
			System.out.printf("notifier heap in use %.0f MiB%n",
					Bench.metricSum(metrics, "jvm_memory_used_bytes{area=\"heap\"") / 1048576);
			System.out.printf("outcomes recorded per commit: %.1f on average%n",
					Bench.metricSum(metrics, "lantern_group_commit_size_sum{") / Bench.metricSum(metrics,
							"lantern_group_commit_size_count{"));
		}
		finally {
			if (service != null) {
				service.destroy();
				service.waitFor(30, TimeUnit.SECONDS);
			}
			broker.stop();
			postgres.stop();
			ScratchDirectories.delete(work);
		}
		try {
			if (!Boolean.parseBoolean(System.getProperty("bench.peer", "true"))) {
				return;
			}
			// the peer on the same machine, in the same run, into the same double: with the notifier's stack stopped
			System.out.println("-- the peer: Prometheus Alertmanager, the same alerts to three webhooks each");
			AlertmanagerPeer.measure(twilio, alerts);
		}
		finally {
			twilio.stop();
		}
	}

	/** Produces one HIGH_CRAVING alert for each of the first {@code alerts} clients, at a rate or (0) at once. */
	private static void run(String bootstrap, CountingTwilio twilio, Process service, int alerts, int perSecond)
			throws Exception {
		twilio.reset();
		Duration cpuBefore = cpu(service);
		long started = System.currentTimeMillis();
		try (var producer = Bench.producer(bootstrap)) {
			if (perSecond > 0) {
				// one alert every 1/perSecond seconds, each flushed at once so that its time is its sending time
				AtomicInteger next = new AtomicInteger();
				CountDownLatch produced = new CountDownLatch(alerts);
				ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
				pace.scheduleAtFixedRate(() -> {
					int i = next.getAndIncrement();
					if (i < alerts) {
						produce(producer, twilio, i);
						producer.flush();
						produced.countDown();
					}
				}, 0, 1_000_000L / perSecond, TimeUnit.MICROSECONDS);
				produced.await();
				pace.shutdownNow();
			}
			else {
				for (int i = 0; i < alerts; i++) {
					produce(producer, twilio, i);
				}
			}
		}
		System.out.printf("produced %,d alerts in %.1f s%n", alerts, (System.currentTimeMillis() - started) / 1e3);
		int expected = alerts * DispatchClients.CONTACTS;
		AtomicInteger lastReported = new AtomicInteger();
		await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			int seen = twilio.requests.get();
			if (seen - lastReported.get() >= expected / 10) {
				System.out.printf("  %,d requests after %.0f s%n", seen, (System.currentTimeMillis() - started) / 1e3);
				lastReported.set(seen);
			}
			return seen >= expected || !service.isAlive();
		});
		int seen = twilio.requests.get();
		double cpuPerDelivery = (cpu(service).minus(cpuBefore).toNanos() / 1e3) / Math.max(1, seen);
		double seconds = (twilio.lastArrival - started) / 1e3;
		System.out.printf("%,d of %,d deliveries reached the Twilio double in %.1f s: %,.0f deliveries/s%n", seen, expected,
				seconds, seen / seconds);
		System.out.println("alert produced -> HTTP request at the double: " + twilio.latencies(seen).summary());
		long twice = twilio.perDelivery.values().stream().filter(count -> count.get() > 1).count();
		System.out.printf("distinct delivery ids %,d; sent more than once: %,d%n", twilio.perDelivery.size(), twice);
		if (seen >= expected && perSecond == 0) {
			System.out.printf("RESULT dispatch_per_s %.0f%nRESULT dispatch_twice %d%n", seen / seconds, twice);
			// what the notifier's process spent on each delivery, whatever else shared the cores
			System.out.printf("notifier CPU per delivery: %.0f us%nRESULT dispatch_cpu_us %.0f%n", cpuPerDelivery,
					cpuPerDelivery);
		}
	}

	private static void produce(KafkaProducer<String, String> producer, CountingTwilio twilio, int i) {
		long at = System.currentTimeMillis();
		twilio.producedAt[i] = at;
		AlertEvent alert = AlertEvent.of(UUID.randomUUID(), DispatchClients.clientId(i), AlertType.HIGH_CRAVING,
				Severity.HIGH, 1, AlertState.RAISED, "bench", Instant.ofEpochMilli(at), null, Instant.ofEpochMilli(at));
		producer.send(new ProducerRecord<>(Topics.ALERTS, alert.clientId(), EventJson.writeString(alert)));
	}

	/** The CPU time the process has used so far (user and system, all its threads). */
	private static Duration cpu(Process service) {
		return service.info().totalCpuDuration().orElse(Duration.ZERO);
	}

	private static List<String> words(String text) {
		return List.of(text.split(" +")).stream().filter(word -> !word.isBlank()).toList();
	}
}
