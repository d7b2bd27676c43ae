package app.lantern.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertType;
import app.lantern.events.CheckInChannel;
import app.lantern.events.CheckInReceived;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.local.KafkaBroker;
import app.lantern.local.Ports;
import app.lantern.local.ScratchDirectories;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The deadline index at scale, on a broker and an alert-service of the benchmark's own: 1,000,000 clients
 * whose due times are hours away, then 100,000 of them moved to the same minute. Reports the time from that
 * minute's deadline to the last MISSED_CHECKIN on the topic, the scan cost per due client (from the
 * service's own metrics), its heap, and the size of its state stores on disk; and, meanwhile, how long a crisis
 * check-in of a client who is not due waits for its CRISIS alert while the burst is scanned.
 */
public final class MissedDeadlines {

	public static void main(String[] args) throws Exception {
		int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		int due = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
		Path work = ScratchDirectories.create("lantern-bench-deadlines");
		int kafkaPort = Ports.freePair();
		int httpPort = Ports.freePair();
		KafkaBroker broker = KafkaBroker.start("bench/target/lib/*", work.resolve("kafka"), kafkaPort, false);
		String bootstrap = broker.bootstrapServers();
		Process service = null;
		boolean burstMeasured = false;
		try {
			Bench.createTopics(bootstrap, 3);
			Path state = work.resolve("streams");
			service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
					"-jar", "alert-service/target/alert-service-exec.jar", "--server.port=" + httpPort,
					"--spring.kafka.bootstrap-servers=" + bootstrap, "--spring.kafka.streams.state-dir=" + state,
					"--spring.kafka.streams.application-id=bench-alert-service")
				.redirectErrorStream(true)
				.redirectOutput(work.resolve("alert-service.log").toFile())
				.start();
			Bench.awaitReady(httpPort, service);

			Instant now = Instant.now();
			LocalTime far = LocalTime.ofInstant(now.plus(Duration.ofHours(10)), ZoneOffset.UTC).withSecond(0).withNano(0);
			long loadStarted = System.nanoTime();
			produce(bootstrap, clients, 1, now, far);
			Bench.awaitConsumed(bootstrap, "bench-alert-service", Topics.CLIENT_PROFILES);
			System.out.printf("loaded %,d profiles in %.1f s%n", clients, (System.nanoTime() - loadStarted) / 1e9);

			// move 100,000 clients to one due time two minutes ahead, one minute's grace
			Instant dueAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(2));
			Instant deadline = dueAt.plus(Duration.ofMinutes(1));
			produce(bootstrap, due, 2, Instant.now(), LocalTime.ofInstant(dueAt, ZoneOffset.UTC));
			Bench.awaitConsumed(bootstrap, "bench-alert-service", Topics.CLIENT_PROFILES);
			if (!Instant.now().isBefore(dueAt)) {
				throw new IllegalStateException("loading the schedule changes took past the due time; run again");
			}
			System.out.printf("%,d clients due at %s, deadline %s%n", due, dueAt, deadline);

			// crisis check-ins of clients who are not due, five a second from two seconds before the deadline: how
			// long does a crisis wait while the scan of the burst runs?
			Map<String, Long> crisisSent = new ConcurrentHashMap<>();
			Map<String, Long> crisisAlerted = new ConcurrentHashMap<>();
			Thread probes = new Thread(() -> sendCrises(bootstrap, due, clients, deadline, crisisSent));
			probes.start();
			long lastArrival = awaitAlerts(bootstrap, due, deadline, crisisSent, crisisAlerted, () -> {
				probes.interrupt();
				try {
					probes.join();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			Duration lastAfterDeadline = Duration.ofMillis(lastArrival - deadline.toEpochMilli());
			String metrics = Bench.get(httpPort, "/actuator/prometheus");
			double scanSeconds = Bench.metricSum(metrics, "lantern_alerts_deadline_scans_seconds_sum ");
			double fired = Bench.metricSum(metrics, "lantern_alerts_timers_fired_total");
			double heap = Bench.metricSum(metrics, "jvm_memory_used_bytes{area=\"heap\"");
			long disk = size(state);
			System.out.printf("last MISSED_CHECKIN on the topic %.2f s after the deadline%n",
					lastAfterDeadline.toMillis() / 1000.0);
			System.out.printf("RESULT burst_last_alert_s %.1f%n", lastAfterDeadline.toMillis() / 1000.0);
			Latencies crises = new Latencies(crisisAlerted.entrySet().stream()
				.mapToDouble(entry -> entry.getValue() - crisisSent.get(entry.getKey()))
				.toArray());
			System.out.printf("crisis check-in -> CRISIS alert on the topic during the burst: %s; %d of %d raised%n",
					crises.summary(), crisisAlerted.size(), crisisSent.size());
			System.out.printf("RESULT burst_crisis_p50_ms %.0f%nRESULT burst_crisis_max_ms %.0f%n",
					crises.percentile(50), crises.percentile(100));
			System.out.printf("deadline scans: %.0f timers fired in %.2f s of scanning = %.1f µs per due client%n", fired,
					scanSeconds, fired == 0 ? 0 : scanSeconds / fired * 1e6);
			System.out.printf("RESULT burst_scan_us %.1f%n", fired == 0 ? 0 : scanSeconds / fired * 1e6);
			burstMeasured = true;
			System.out.printf("alert-service heap in use %.0f MiB; state stores on disk %.0f MiB%n", heap / 1048576,
					disk / 1048576.0);
		}
		finally {
			if (service != null) {
				service.destroy();
				service.waitFor(30, TimeUnit.SECONDS);
			}
			broker.stop();
			if (burstMeasured && !service.isAlive()) {
				// the peer in the same run, on the stores alert-service just left: the same bytes in a bare RocksDB
				System.out.println("-- the peer: a bare RocksDB doing the scan's reads and writes");
				RocksDbPeer.measure(work.resolve("streams"), work.resolve("rocksdb-peer"), clients, due);
			}
			ScratchDirectories.delete(work);
		}
	}

	private static void produce(String bootstrap, int count, long version, Instant now, LocalTime dueTime)
			throws Exception {
		try (var producer = Bench.producer(bootstrap)) {
			var schedule = new ClientProfile.Schedule(List.of(dueTime), 1, 0, now);
			for (int i = 0; i < count; i++) {
				String id = "bench-" + i;
				ClientProfile profile = new ClientProfile(UUID.randomUUID(), now, 1, id, version, "Client " + i,
						"+12025550100", ClientStatus.ACTIVE, ZoneOffset.UTC, schedule, 8, false,
						now.minus(Duration.ofDays(1)), List.of());
				producer.send(new ProducerRecord<>(Topics.CLIENT_PROFILES, id, EventJson.writeString(profile)));
			}
			producer.flush();
		}
	}

	/**
	 * A crisis check-in every 200 ms from two seconds before the deadline, each of another client who is not due
	 * (profile version 1), until interrupted; when each was sent.
	 */
	private static void sendCrises(String bootstrap, int due, int clients, Instant deadline, Map<String, Long> sent) {
		try (var producer = Bench.producer(bootstrap)) {
			TimeUnit.MILLISECONDS.sleep(Math.max(0, Duration.between(Instant.now(), deadline).toMillis() - 2000));
			for (int n = due; n < clients && !Thread.currentThread().isInterrupted(); n++) {
				String id = "bench-" + n;
				var checkIn = CheckInReceived.of(UUID.randomUUID(), id, CheckInChannel.API, 5, null, false, null, true,
						Instant.now(), 1L);
				long at = System.currentTimeMillis();
				producer.send(new ProducerRecord<>(Topics.CHECKINS, id, EventJson.writeString(checkIn))).get();
				// counted once the broker has it (an interrupt while sending loses the send, not a crisis)
				sent.put(id, at);
				TimeUnit.MILLISECONDS.sleep(200);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("a crisis check-in could not be sent", ex);
		}
	}

	/**
	 * Reads MISSED_CHECKIN alerts until {@code expected} arrived; returns when the last one did (millis). Notes when
	 * each crisis sent meanwhile was raised; once the burst is read, stops the crises and reads on until each
	 * one sent was raised.
	 */
	private static long awaitAlerts(String bootstrap, int expected, Instant deadline, Map<String, Long> crisisSent,
			Map<String, Long> crisisAlerted, Runnable stopCrises) {
		AtomicLong last = new AtomicLong();
		long seen = 0;
		try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
				"read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(Topics.ALERTS));
			long giveUp = deadline.plus(Duration.ofMinutes(10)).toEpochMilli();
			boolean stopped = false;
			while (System.currentTimeMillis() < giveUp) {
				if (seen >= expected && !stopped) {
					stopCrises.run();
					stopped = true;
				}
				if (stopped && crisisAlerted.size() >= crisisSent.size()) {
					break;
				}
				for (var record : consumer.poll(Duration.ofMillis(200))) {
					AlertEvent alert = EventJson.read(record.value(), AlertEvent.class);
					if (alert.type() == AlertType.MISSED_CHECKIN) {
						seen++;
						last.set(System.currentTimeMillis());
					}
					else if (alert.type() == AlertType.CRISIS && crisisSent.containsKey(alert.clientId())) {
						crisisAlerted.putIfAbsent(alert.clientId(), System.currentTimeMillis());
					}
				}
			}
		}
		if (seen < expected || crisisAlerted.size() < crisisSent.size()) {
			throw new IllegalStateException("only " + seen + " of " + expected + " missed check-ins and "
					+ crisisAlerted.size() + " of " + crisisSent.size() + " crises arrived");
		}
		return last.get();
	}

	private static long size(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
		}
	}
}
