package app.lantern.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import app.lantern.events.ClientProfile;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Commit → event latency of the profile outbox: a schedule change is committed when its HTTP answer
 * arrives; the clock stops when the consumer sees that version of the profile on the topic.
 */
public final class ProfileLatency {

	public static void main(String[] args) throws Exception {
		int changes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
		Staff staff = new Staff();
		Map<String, Long> seen = new ConcurrentHashMap<>();
		String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
		var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"latest"), new StringDeserializer(), new StringDeserializer());
		consumer.subscribe(List.of(Topics.CLIENT_PROFILES));
		while (consumer.assignment().isEmpty()) {
			consumer.poll(Duration.ofMillis(100));
		}
		var running = new AtomicBoolean(true);
		Thread reader = new Thread(() -> {
			while (running.get()) {
				for (var record : consumer.poll(Duration.ofMillis(50))) {
					long now = System.nanoTime();
					if (record.value() != null) {
						ClientProfile profile = EventJson.read(record.value(), ClientProfile.class);
						seen.putIfAbsent(profile.clientId() + "#" + profile.version(), now);
					}
				}
			}
		});
		reader.start();

		String clientId = staff.enrol("Bench", "+1202555" + (1000 + (int) (Math.random() * 8999)));
		long version = 1;
		double[] latencies = new double[changes];
		long started = System.nanoTime();
		for (int i = 0; i < changes; i++) {
			String due = String.format("%02d:%02d", 6 + i % 12, i % 60);
			var response = staff.send("PUT", "/api/clients/" + clientId + "/schedule", Map.of("dueTimes", List.of(due)));
			long committed = System.nanoTime();
			if (response.statusCode() != 200) {
				throw new IllegalStateException("schedule change answered " + response.statusCode());
			}
			version++;
			String key = clientId + "#" + version;
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (!seen.containsKey(key) && System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			Long arrived = seen.get(key);
			latencies[i] = arrived == null ? Double.NaN : Math.max(0, arrived - committed) / 1e6;
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		running.set(false);
		reader.join();
		consumer.close();
		System.out.printf("profile publish latency (commit -> event on %s), %d sequential changes in %.1f s%n",
				Topics.CLIENT_PROFILES, changes, seconds);
		System.out.println("  " + new Latencies(latencies).summary());
	}
}
