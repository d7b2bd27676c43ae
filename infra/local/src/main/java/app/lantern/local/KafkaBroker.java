package app.lantern.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
		return start(libs.resolve("*").toString(), directory, port, true);
	}

	/**
	 * Starts the broker from Kafka's jars on {@code classpath}, keeping its data in {@code directory}; starting
	 * again on the same directory resumes the same cluster. {@code echo} also prints its log with a prefix.
	 */
	public static KafkaBroker start(String classpath, Path directory, int port, boolean echo) throws Exception {
		Path logs = directory.resolve("data");
		Files.createDirectories(logs);
		Path config = directory.resolve("server.properties");
		Files.writeString(config, serverProperties(logs, port));
		String log4j = "-Dlog4j2.configurationFile=" + KafkaBroker.class.getResource("/log4j2.properties");
		String logback = "-Dlogback.configurationFile=" + KafkaBroker.class.getResource("/kafka-logback.xml");
		if (!Files.exists(logs.resolve("meta.properties"))) {
			String clusterId = Uuid.randomUuid().toString();
			Process format = new ProcessBuilder(Java.executable(), log4j, logback, "-cp", classpath, "kafka.tools.StorageTool",
					"format", "--standalone", "-t", clusterId, "-c", config.toString())
				.redirectErrorStream(true)
				.start();
			String output = new String(format.getInputStream().readAllBytes());
			if (format.waitFor() != 0) {
				throw new IllegalStateException("formatting Kafka storage failed:\n" + output);
			}
			LocalStack.say("formatted Kafka storage (cluster " + clusterId + ")");
		}
		ChildProcess broker = ChildProcess.start("kafka",
				List.of(Java.executable(), "-Xmx512m", "-XX:+UseSerialGC", log4j, logback, "-cp", classpath, "kafka.Kafka",
						config.toString()),
				Map.of(), directory.resolve("kafka.log"), echo);
		awaitPort(broker, port, Duration.ofSeconds(60));
		return new KafkaBroker(broker, port);
	}

	private static String serverProperties(Path logs, int port) {
		return """
				# Written by the local stack at every start; edit LocalStack to change it.
				process.roles=broker,controller
				node.id=1
				controller.quorum.bootstrap.servers=localhost:%2$d
				listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
				advertised.listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
				listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
				controller.listener.names=CONTROLLER
				inter.broker.listener.name=PLAINTEXT
				log.dirs=%3$s
				num.partitions=3
				auto.create.topics.enable=false
				offsets.topic.replication.factor=1
				transaction.state.log.replication.factor=1
				transaction.state.log.min.isr=1
				share.coordinator.state.topic.replication.factor=1
				share.coordinator.state.topic.min.isr=1
				group.initial.rebalance.delay.ms=0
				""".formatted(port, port + 1, logs.toString().replace("\\", "/"));
	}

	private static void awaitPort(ChildProcess broker, int port, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!broker.isAlive()) {
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
}
