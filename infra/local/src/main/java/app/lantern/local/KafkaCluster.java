package app.lantern.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.common.Uuid;

/**
 * A Kafka cluster of several KRaft nodes, each broker and controller in one process, with a static controller
 * quorum: every topic replicated to three nodes by default, and a write acknowledged only when two have it
 * ({@code min.insync.replicas=2}), so any one node can die without losing an acknowledged record or stopping
 * the producers. Each node keeps its data in {@code directory/node-<id>}; starting again resumes the cluster.
 */
public final class KafkaCluster implements AutoCloseable {

	private final String classpath;

	private final Path directory;

	private final List<KafkaBroker.Node> nodes;

	private final boolean echo;

	private final KafkaBroker[] running;

	private KafkaCluster(String classpath, Path directory, List<KafkaBroker.Node> nodes, boolean echo) {
		this.classpath = classpath;
		this.directory = directory;
		this.nodes = nodes;
		this.echo = echo;
		this.running = new KafkaBroker[nodes.size()];
	}

	/** Starts {@code size} nodes (3 or more) from Kafka's jars on {@code classpath} and waits for all. */
	public static KafkaCluster start(String classpath, Path directory, int size, boolean echo) throws Exception {
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			ports.add(Ports.freePair());
		}
		return start(classpath, directory, ports, echo);
	}

	/** As {@link #start(String, Path, int, boolean)}, node {@code i} listening on {@code ports.get(i)} (and the next). */
	public static KafkaCluster start(String classpath, Path directory, List<Integer> ports, boolean echo)
			throws Exception {
		if (ports.size() < 3) {
			throw new IllegalArgumentException("a replicated cluster needs at least 3 nodes");
		}
		String voters = IntStream.range(0, ports.size())
			.mapToObj(i -> (i + 1) + "@localhost:" + (ports.get(i) + 1))
			.collect(Collectors.joining(","));
		String clusterId = Uuid.randomUuid().toString();
		List<KafkaBroker.Node> nodes = new ArrayList<>();
		for (int i = 0; i < ports.size(); i++) {
			nodes.add(new KafkaBroker.Node(i + 1, ports.get(i), voters, clusterId, 3, 2));
		}
		KafkaCluster cluster = new KafkaCluster(classpath, directory, nodes, echo);
		// the nodes are formatted and launched side by side: each waits for the others' controllers anyway
		List<CompletableFuture<Void>> launches = new ArrayList<>();
		for (int i = 0; i < nodes.size(); i++) {
			int index = i;
			launches.add(CompletableFuture.runAsync(() -> {
				try {
					cluster.launch(index);
				}
				catch (Exception ex) {
					throw new CompletionException(ex);
				}
			}));
		}
		try {
			CompletableFuture.allOf(launches.toArray(CompletableFuture[]::new)).join();
		}
		catch (CompletionException failed) {
			cluster.close();
			throw failed.getCause() instanceof Exception cause ? cause : failed;
		}
		for (KafkaBroker broker : cluster.running) {
			broker.awaitPort(Duration.ofSeconds(90));
		}
		return cluster;
	}

	private void launch(int index) throws Exception {
		running[index] = KafkaBroker.launch(classpath, directory.resolve("node-" + nodes.get(index).id()),
				nodes.get(index), echo);
	}

	public String bootstrapServers() {
		return nodes.stream().map(node -> "localhost:" + node.port()).collect(Collectors.joining(","));
	}

	public int size() {
		return nodes.size();
	}

	/** Kills node {@code index} (0-based) with SIGKILL. */
	public synchronized void kill(int index) {
		if (running[index] != null) {
			running[index].kill();
			running[index] = null;
		}
	}

	/** Starts node {@code index} again on its data and ports, and waits until it listens. */
	public synchronized void restart(int index) throws Exception {
		if (running[index] == null) {
			launch(index);
			running[index].awaitPort(Duration.ofSeconds(90));
		}
	}

	@Override
	public synchronized void close() {
		// together: a node stopping alone waits for a controller quorum the others would no longer make
		for (KafkaBroker broker : running) {
			if (broker != null) {
				broker.requestStop();
			}
		}
		for (int i = 0; i < running.length; i++) {
			if (running[i] != null) {
				running[i].awaitStop();
				running[i] = null;
			}
		}
	}
}
