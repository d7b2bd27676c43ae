package app.lantern.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertType;
import app.lantern.events.CheckInReceived;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Where a check-in's way to the sponsor's SMS goes, stage by stage, for {@link EndToEnd}: when each client's
 * check-in was readable on {@code lantern.checkins.v1} (the intake's commit and the outbox relay) and when its
 * HIGH_CRAVING alert was readable on {@code lantern.alerts.v1} (alert-service's rules and exactly-once commit) — with
 * the answer to the request before them and the SMS at the double after, measured by {@link EndToEnd}. Committed
 * records only, read as they come from partitions assigned at their end before the first check-in (no group to join).
 */
final class CheckInStages implements AutoCloseable {

	final Map<String, Long> published = new ConcurrentHashMap<>();

	final Map<String, Long> alerted = new ConcurrentHashMap<>();

	private final Thread reader;

	private volatile boolean running = true;

	CheckInStages(String bootstrap) {
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.<String, Object>of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
				"read_committed", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5), new StringDeserializer(),
				new StringDeserializer());
		List<TopicPartition> partitions = List.of(Topics.CHECKINS, Topics.ALERTS).stream()
			.flatMap(topic -> consumer.partitionsFor(topic).stream()
				.map(info -> new TopicPartition(topic, info.partition())))
			.toList();
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		partitions.forEach(consumer::position);
		reader = new Thread(() -> {
			try (consumer) {
				while (running) {
					for (var record : consumer.poll(Duration.ofMillis(100))) {
						long now = System.currentTimeMillis();
						if (record.topic().equals(Topics.CHECKINS)) {
							published.putIfAbsent(EventJson.read(record.value(), CheckInReceived.class).clientId(), now);
						}
						else {
							AlertEvent alert = EventJson.read(record.value(), AlertEvent.class);
							if (alert.type() == AlertType.HIGH_CRAVING) {
								alerted.putIfAbsent(alert.clientId(), now);
							}
						}
					}
				}
			}
		}, "check-in-stages");
		reader.setDaemon(true);
		reader.start();
	}

	/** Each stage's latencies from the moment each client's check-in was sent ({@code sentAt}, by client id). */
	void report(Map<String, Long> sentAt, Map<String, Long> answeredAt) {
		System.out.printf("stage 1, the check-in answered (202): %s%n", since(answeredAt, sentAt).summary());
		System.out.printf("stage 2, the check-in readable on its topic: %s%n", since(published, sentAt).summary());
		System.out.printf("stage 3, its HIGH_CRAVING alert readable on its topic: %s%n", since(alerted, sentAt).summary());
	}

	private static Latencies since(Map<String, Long> times, Map<String, Long> sentAt) {
		return new Latencies(times.entrySet().stream().filter(entry -> sentAt.containsKey(entry.getKey()))
			.mapToDouble(entry -> entry.getValue() - sentAt.get(entry.getKey())).toArray());
	}

	@Override
	public void close() throws InterruptedException {
		running = false;
		reader.join(5_000);
	}
}
