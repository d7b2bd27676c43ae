package app.lantern.local;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The local stack's Kafka: one KRaft node, or a replicated cluster of three or more ({@code --brokers 3}), node i
 * on {@code port + 2i} (its controller on the next port): 9092, 9094, 9096, ... It starts on a thread of its own,
 * beside PostgreSQL and the services (they reach Kafka seconds into their start; its admin client waits for it).
 */
final class LocalKafka implements AutoCloseable {

	private final int brokers;

	private final int port;

	private final CompletableFuture<AutoCloseable> nodes;

	private LocalKafka(int brokers, int port, CompletableFuture<AutoCloseable> nodes) {
		this.brokers = brokers;
		this.port = port;
		this.nodes = nodes;
	}

	/** Begins the start and returns at once: {@link #awaitStarted} waits for it. */
	static LocalKafka start(Path libs, Path data, int brokers, int port) {
		return new LocalKafka(brokers, port, CompletableFuture.supplyAsync(() -> {
			try {
				return brokers == 1 ? single(libs, data, port) : cluster(libs, data, brokers, port);
			}
			catch (Exception ex) {
				throw new CompletionException(ex);
			}
		}));
	}

	private static AutoCloseable single(Path libs, Path data, int port) throws Exception {
		KafkaBroker broker = KafkaBroker.start(libs, data.resolve("kafka"), port);
		LocalStack.say("Kafka broker (KRaft) ready at " + broker.bootstrapServers());
		return broker::stop;
	}

	private static AutoCloseable cluster(Path libs, Path data, int brokers, int port) throws Exception {
		List<Integer> ports = IntStream.range(0, brokers).map(i -> port + 2 * i).boxed().toList();
		KafkaCluster cluster = KafkaCluster.start(libs.resolve("*").toString(), data.resolve("kafka-cluster"), ports,
				true);
		LocalStack.say("Kafka cluster of " + brokers + " KRaft nodes ready at " + cluster.bootstrapServers()
				+ " (replication factor 3, min.insync.replicas 2)");
		return cluster;
	}

	void awaitStarted() throws Exception {
		try {
			nodes.join();
		}
		catch (CompletionException ex) {
			throw ex.getCause() instanceof Exception cause ? cause : ex;
		}
	}

	/** Where it listens, known before it does: the services start while the nodes do. */
	String bootstrapServers() {
		return IntStream.range(0, brokers).mapToObj(i -> "localhost:" + (port + 2 * i)).collect(Collectors.joining(","));
	}

	/** Stops the nodes; stopped while they were still starting, once they have. */
	@Override
	public void close() {
		try {
			nodes.get(2, TimeUnit.MINUTES).close();
		}
		catch (Exception ex) {
			LocalStack.say("the Kafka broker did not start or stop cleanly: " + ex.getMessage());
		}
	}
}
