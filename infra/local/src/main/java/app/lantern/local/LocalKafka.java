package app.lantern.local;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The local stack's Kafka: one KRaft node, or a replicated cluster of three or more ({@code --brokers 3}), node i
 * on {@code port + 2i} (its controller on the next port): 9092, 9094, 9096, ...
 */
final class LocalKafka implements AutoCloseable {

	private final KafkaBroker single;

	private final KafkaCluster cluster;

	private LocalKafka(KafkaBroker single, KafkaCluster cluster) {
		this.single = single;
		this.cluster = cluster;
	}

	/** {@link #start} on a thread of its own; a failure completes the future with it. */
	static CompletableFuture<LocalKafka> startInBackground(Path libs, Path data, int brokers, int port) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return start(libs, data, brokers, port);
			}
			catch (Exception ex) {
				throw new CompletionException(ex);
			}
		});
	}

	static LocalKafka start(Path libs, Path data, int brokers, int port) throws Exception {
		if (brokers == 1) {
			LocalKafka kafka = new LocalKafka(KafkaBroker.start(libs, data.resolve("kafka"), port), null);
			LocalStack.say("Kafka broker (KRaft) ready at " + kafka.bootstrapServers());
			return kafka;
		}
		List<Integer> ports = IntStream.range(0, brokers).map(i -> port + 2 * i).boxed().toList();
		LocalKafka kafka = new LocalKafka(null,
				KafkaCluster.start(libs.resolve("*").toString(), data.resolve("kafka-cluster"), ports, true));
		LocalStack.say("Kafka cluster of " + brokers + " KRaft nodes ready at " + kafka.bootstrapServers()
				+ " (replication factor 3, min.insync.replicas 2)");
		return kafka;
	}

	String bootstrapServers() {
		return single != null ? single.bootstrapServers() : cluster.bootstrapServers();
	}

	/** Where {@link #start} will listen, known before it does: the services start while the nodes do. */
	static String bootstrapServers(int brokers, int port) {
		return IntStream.range(0, brokers).mapToObj(i -> "localhost:" + (port + 2 * i)).collect(Collectors.joining(","));
	}

	@Override
	public void close() {
		if (single != null) {
			single.stop();
		}
		else {
			cluster.close();
		}
	}
}
