package app.lantern.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * alert-service as its own JVM, from the jar the build made, so a test can kill it the hard way
 * ({@code SIGKILL}: no clean shutdown, no leaving the group, an open transaction left behind).
 */
final class AlertServiceProcess implements AutoCloseable {

	private static final Path JAR = Path.of("../alert-service/target/alert-service-exec.jar");

	private final Process process;

	private final int port;

	private AlertServiceProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	static AlertServiceProcess start(String bootstrapServers, String applicationId, Path stateDir, Path log)
			throws IOException {
		if (!Files.exists(JAR)) {
			throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the tests with ./mvnw verify");
		}
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-jar", JAR.toString(),
				"--server.port=" + port, "--spring.kafka.bootstrap-servers=" + bootstrapServers,
				"--spring.kafka.streams.application-id=" + applicationId, "--spring.kafka.streams.state-dir=" + stateDir,
				"--spring.kafka.streams.properties.session.timeout.ms=6000",
				"--spring.kafka.streams.properties.heartbeat.interval.ms=1000",
				"--lantern.alerts.punctuation-interval=500ms"))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		return new AlertServiceProcess(process, port);
	}

	void awaitReady(Duration timeout) {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest probe = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
			.build();
		org.awaitility.Awaitility.await("alert-service ready").atMost(timeout).pollInterval(Duration.ofMillis(250))
			.ignoreExceptions()
			.until(() -> {
				if (!process.isAlive()) {
					throw new IllegalStateException("alert-service exited with " + process.exitValue());
				}
				return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
			});
	}

	/** SIGKILL. */
	void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor(10, TimeUnit.SECONDS);
	}

	@Override
	public void close() throws InterruptedException {
		if (process.isAlive()) {
			process.destroy();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				kill();
			}
		}
	}
}
