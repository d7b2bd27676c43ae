package app.lantern.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertType;
import app.lantern.events.DeliveryEvent;
import app.lantern.events.DeliveryStatus;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Where the seconds of a deadline burst go, stage by stage: when each client's MISSED_CHECKIN alert was readable on
 * {@code lantern.alerts.v1} (alert-service's scan and its exactly-once commit), and when the notifier's SENT outcome
 * of it was readable on {@code lantern.deliveries.v1} (the notifier's read, consent check, claim, the send and the
 * outcome written and relayed) — with the SMS at the double between the two, measured by {@link DueAtOnce}. Read as
 * they happen, committed records only, from partitions assigned at their end before the deadline (no group to join).
 */
final class BurstStages implements AutoCloseable {

	final Map<String, Long> alerted = new ConcurrentHashMap<>();

	final Map<String, Long> sentRecorded = new ConcurrentHashMap<>();

	private final Thread reader;

	private volatile boolean running = true;

	BurstStages(String bootstrap) {
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.<String, Object>of(
				ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
				"read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(),
				new StringDeserializer());
		List<TopicPartition> partitions = List.of(Topics.ALERTS, Topics.DELIVERIES).stream()
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
						if (record.topic().equals(Topics.ALERTS)) {
							AlertEvent alert = EventJson.read(record.value(), AlertEvent.class);
							if (alert.type() == AlertType.MISSED_CHECKIN) {
								alerted.putIfAbsent(alert.clientId(), now);
							}
						}
						else {
							DeliveryEvent delivery = EventJson.read(record.value(), DeliveryEvent.class);
							if (delivery.alertType() == AlertType.MISSED_CHECKIN && delivery.status() == DeliveryStatus.SENT) {
								sentRecorded.putIfAbsent(delivery.clientId(), now);
							}
						}
					}
				}
			}
		}, "burst-stages");
		reader.setDaemon(true);
		reader.start();
	}

	/** Prints each stage's p50 and last after the deadline, and the last of each as a RESULT. */
	void report(Instant deadline) {
		Latencies alerts = after(alerted, deadline);
		Latencies recorded = after(sentRecorded, deadline);
		System.out.printf("stage 1, the alert readable on its topic after the deadline: %s%n", alerts.summary());
		System.out.printf("stage 3, the SENT outcome readable on its topic after the deadline: %s%n", recorded.summary());
		System.out.printf("RESULT due_last_alert_s %.1f%nRESULT due_last_sent_recorded_s %.1f%n",
				alerts.percentile(100) / 1000, recorded.percentile(100) / 1000);
	}

	private static Latencies after(Map<String, Long> times, Instant deadline) {
		return new Latencies(times.values().stream().mapToDouble(at -> at - deadline.toEpochMilli()).toArray());
	}

	@Override
	public void close() throws InterruptedException {
		running = false;
		reader.join(5_000);
	}
}
