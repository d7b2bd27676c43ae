package app.lantern.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka cluster in KRaft mode (broker and controller in one process), run from Kafka's own
 * jars with its main class. Storage is formatted once; later starts reuse it.
 */
public final class KafkaBroker {

	private final ChildProcess process;

	private final int port;

	private KafkaBroker(ChildProcess process, int port) {
		this.process = process;
		this.port = port;
	}

	static KafkaBroker start(Path libs, Path directory, int port) throws Exception {
		if (!Files.isDirectory(libs)) {
			throw new IllegalStateException(libs + " is missing: build with ./mvnw -DskipTests package");
		}
		// the local stack's broker keeps an archive of its classes, as the services do (StartArchive)
		KafkaBroker broker = launch(libs.resolve("*").toString(), StartArchive.command(libs, "kafka.Kafka"), directory,
				Node.standalone(port), true);
		broker.awaitPort(Duration.ofSeconds(60));
		return broker;
	}

	/**
	 * Starts the broker from Kafka's jars on {@code classpath}, keeping its data in {@code directory}; starting
	 * again on the same directory resumes the same cluster. {@code echo} also prints its log with a prefix.
	 */
	public static KafkaBroker start(String classpath, Path directory, int port, boolean echo) throws Exception {
		KafkaBroker broker = launch(classpath, directory, Node.standalone(port), echo);
		broker.awaitPort(Duration.ofSeconds(60));
		return broker;
	}

	/**
	 * One node of a KRaft cluster: its broker listens on {@code port}, its controller on {@code port + 1}.
	 * {@code voters} is the static controller quorum ({@code 1@localhost:9093,...}), or null for a cluster of
	 * one; {@code replicas} the replication of every topic, {@code minInSync} the replicas that must have a
	 * write before it is acknowledged.
	 */
	public record Node(int id, int port, String voters, String clusterId, int replicas, int minInSync) {

		static Node standalone(int port) {
			return new Node(1, port, null, null, 1, 1);
		}
	}

	/** Starts a node without waiting for it: the nodes of a cluster wait for each other's controllers. */
	static KafkaBroker launch(String classpath, Path directory, Node node, boolean echo) throws Exception {
		return launch(classpath, List.of("-cp", classpath, "kafka.Kafka"), directory, node, echo);
	}

	/** {@code program}: the class path and main class, with any options before them. */
	private static KafkaBroker launch(String classpath, List<String> program, Path directory, Node node, boolean echo)
			throws Exception {
		Path logs = directory.resolve("data");
		Files.createDirectories(logs);
		Path config = directory.resolve("server.properties");
		Files.writeString(config, serverProperties(logs, node));
		String log4j = "-Dlog4j2.configurationFile=" + KafkaBroker.class.getResource("/log4j2.properties");
		String logback = "-Dlogback.configurationFile=" + KafkaBroker.class.getResource("/kafka-logback.xml");
		if (!Files.exists(logs.resolve("meta.properties"))) {
			String clusterId = node.clusterId() == null ? Uuid.randomUuid().toString() : node.clusterId();
			List<String> format = new ArrayList<>(List.of(Java.executable(), log4j, logback, "-cp", classpath,
					"kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString()));
			if (node.voters() == null) {
				format.add("--standalone");
			}
			Process formatting = new ProcessBuilder(format).redirectErrorStream(true).start();
			String output = new String(formatting.getInputStream().readAllBytes());
			if (formatting.waitFor() != 0) {
				throw new IllegalStateException("formatting Kafka storage failed:\n" + output);
			}
			if (echo) {
				LocalStack.say("formatted Kafka storage of node " + node.id() + " (cluster " + clusterId + ")");
			}
		}
		ChildProcess broker = ChildProcess.start(node.voters() == null ? "kafka" : "kafka-" + node.id(),
				Stream.of(Java.command("512m"), List.of(log4j, logback), program, List.of(config.toString()))
					.flatMap(List::stream)
					.toList(),
				Map.of(), directory.resolve("kafka.log"), echo);
		return new KafkaBroker(broker, node.port());
	}

	private static String serverProperties(Path logs, Node node) {
		String quorum = node.voters() == null ? "controller.quorum.bootstrap.servers=localhost:" + (node.port() + 1)
				: "controller.quorum.voters=" + node.voters();
		return """
				# Written by the local stack at every start; edit LocalStack to change it.
				process.roles=broker,controller
				node.id=%4$d
				%5$s
				listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
				advertised.listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
				listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
				controller.listener.names=CONTROLLER
				inter.broker.listener.name=PLAINTEXT
				log.dirs=%3$s
				num.partitions=3
				auto.create.topics.enable=false
				default.replication.factor=%6$d
				min.insync.replicas=%7$d
				offsets.topic.replication.factor=%6$d
				transaction.state.log.replication.factor=%6$d
				transaction.state.log.min.isr=%7$d
				share.coordinator.state.topic.replication.factor=%6$d
				share.coordinator.state.topic.min.isr=%7$d
				group.initial.rebalance.delay.ms=0
				# a transaction left open by a killed producer (a Kafka Streams instance SIGKILLed) blocks read_committed
				# consumers until it is aborted: look for timed-out transactions every second, not every 10 s
				transaction.abort.timed.out.transaction.cleanup.interval.ms=1000
				""".formatted(node.port(), node.port() + 1, logs.toString().replace("\\", "/"), node.id(), quorum,
				node.replicas(), node.minInSync());
	}

	void awaitPort(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("the Kafka broker exited; see its log above");
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("localhost", port), 500);
				return;
			}
			catch (IOException notYet) {
				Thread.sleep(200);
			}
		}
		throw new IllegalStateException("the Kafka broker did not open port " + port + " in " + timeout.toSeconds() + " s");
	}

	public String bootstrapServers() {
		return "localhost:" + port;
	}

	public void stop() {
		process.requestStop();
		process.awaitStop(Duration.ofSeconds(30));
	}

	/** SIGTERM without waiting: the nodes of a cluster stop together (see {@link #awaitStop()}). */
	void requestStop() {
		process.requestStop();
	}

	void awaitStop() {
		process.awaitStop(Duration.ofSeconds(30));
	}

	/** The broker's process, for a test that freezes it (SIGSTOP) as a hung machine would. */
	public ProcessHandle processHandle() {
		return process.handle();
	}

	/** SIGKILL: the broker dies mid-write, as a machine that loses power. */
	public void kill() {
		process.kill();
	}
}
