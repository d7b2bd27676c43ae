package app.lantern.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import app.lantern.events.Topics;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the benchmarks that run a service of their own share: waiting for it, and reading its metrics. */
final class Bench {

	private Bench() {
	}

	static void awaitReady(int port, Process service) {
		await("the service ready (see its log)").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> {
				if (!service.isAlive()) {
					throw new IllegalStateException("the service exited (see its log)");
				}
				return get(port, "/actuator/health/readiness").contains("\"UP\"");
			});
	}

	/** Until the consumer group has read every record of the topic. */
	static void awaitConsumed(String bootstrap, String group, String topic) {
		try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			await(group + " caught up on " + topic).atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(500))
				.until(() -> {
					var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
					List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get()
						.get(topic).partitions().stream()
						.map(info -> new TopicPartition(topic, info.partition()))
						.toList();
					var ends = admin.listOffsets(partitions.stream()
						.collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
					return partitions.stream().allMatch(p -> committed.containsKey(p)
							&& committed.get(p).offset() >= ends.get(p).offset());
				});
		}
	}

	/**
	 * Waits until every consumer group with members has read everything (at most five minutes), so that what is
	 * measured next does not share the cores with a backlog; prints how far behind they were and how long it took.
	 */
	static void awaitCaughtUp(String bootstrap, String before) throws Exception {
		long started = System.nanoTime();
		Map<String, Long> first = lag(bootstrap);
		Map<String, Long> now = first;
		while (now.values().stream().mapToLong(Long::longValue).sum() > 0
				&& System.nanoTime() - started < TimeUnit.MINUTES.toNanos(5)) {
			TimeUnit.MILLISECONDS.sleep(250);
			now = lag(bootstrap);
		}
		long left = now.values().stream().mapToLong(Long::longValue).sum();
		System.out.printf("before %s: %,d records unread (%s); %s after %.1f s%n", before,
				first.values().stream().mapToLong(Long::longValue).sum(), first,
				left == 0 ? "every consumer caught up" : String.format("still %,d unread", left),
				(System.nanoTime() - started) / 1e9);
	}

	/** Per consumer group with members, how many records it has yet to read, over every topic it reads. */
	static Map<String, Long> lag(String bootstrap) throws Exception {
		try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			Map<String, Long> behind = new TreeMap<>();
			for (var group : admin.listConsumerGroups().all().get()) {
				if (group.groupState().map(state -> state == GroupState.EMPTY || state == GroupState.DEAD).orElse(false)) {
					// nobody reads for it (a benchmark's earlier run): its backlog is no one's work
					continue;
				}
				var committed = admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
				committed.values().removeIf(Objects::isNull);
				if (committed.isEmpty()) {
					continue;
				}
				var ends = admin.listOffsets(committed.keySet().stream()
					.collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
				behind.put(group.groupId(), committed.entrySet().stream()
					.mapToLong(entry -> Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset()
							- markerAtTheEnd(entry.getKey().topic())))
					.sum());
			}
			return behind;
		}
	}

	/**
	 * A topic written in exactly-once transactions (alert-service's alerts) ends each commit with a marker that takes
	 * an offset; a reader with nothing after it never commits past it, so one offset behind there is caught up.
	 */
	private static long markerAtTheEnd(String topic) {
		return topic.equals(Topics.ALERTS) ? 1 : 0;
	}

	static String get(int port, String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	/** The sum of every series of a metric whose line starts so, in Prometheus' text format. */
	/**
	 * The sum of every series of a metric in Prometheus' text: {@code prefix} is a name (each of its series, labelled
	 * or not — the services add common labels, so {@code name }, with the space, matched nothing and the scan time
	 * read 0.00 s) or a name and the start of its labels.
	 */
	static double metricSum(String metrics, String prefix) {
		String name = prefix.strip();
		boolean wholeName = !name.contains("{");
		return metrics.lines()
			.filter(line -> line.startsWith(name) && (!wholeName || line.length() > name.length()
					&& (line.charAt(name.length()) == ' ' || line.charAt(name.length()) == '{')))
			.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	/** Every topic of the contract, with this many partitions each. */
	static void createTopics(String bootstrap, int partitions) throws Exception {
		try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			admin.createTopics(Topics.ALL.stream()
				.map(topic -> Topics.definition(topic, partitions, Optional.empty()))
				.toList()).all().get();
		}
	}

	/** A producer for loading a benchmark's input fast: large batches, a little linger, lz4. */
	static KafkaProducer<String, String> producer(String bootstrap) {
		return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
				ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new StringSerializer());
	}
}
