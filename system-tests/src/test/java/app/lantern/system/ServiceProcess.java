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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A service as its own JVM, from the jar the build made, so a test can stop it as an orchestrator would
 * ({@code SIGTERM}: Spring's graceful shutdown) or kill it the hard way ({@code SIGKILL}: no clean shutdown,
 * no leaving the group, work in flight cut off).
 */
final class ServiceProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final int port;

	/** Where its actuator answers: its own management port (checkin-service), or its only port. */
	private int managementPort;

	private ServiceProcess(String name, Process process, int port) {
		this.name = name;
		this.process = process;
		this.port = port;
		this.managementPort = port;
	}

	static ServiceProcess alertService(String bootstrapServers, String applicationId, Path stateDir, Path log,
			String... more) throws IOException {
		List<String> args = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + bootstrapServers,
				"--spring.kafka.streams.application-id=" + applicationId, "--spring.kafka.streams.state-dir=" + stateDir,
				"--lantern.alerts.punctuation-interval=500ms"));
		args.addAll(List.of(more));
		return start("alert-service", log, args.toArray(String[]::new));
	}

	/** notifier-service with Twilio's API at {@code twilioBaseUrl} and its own database. */
	static ServiceProcess notifierService(String bootstrapServers, String databaseUrl, String twilioBaseUrl, Path log)
			throws IOException {
		return notifierService(bootstrapServers, databaseUrl, twilioBaseUrl, "+12025550100", log);
	}

	/**
	 * notifier-service sending SMS from {@code from} (which instance sent a message, when several share one Twilio
	 * double), with {@code more} settings.
	 */
	static ServiceProcess notifierService(String bootstrapServers, String databaseUrl, String twilioBaseUrl,
			String from, Path log, String... more) throws IOException {
		List<String> args = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + bootstrapServers,
				"--spring.datasource.url=" + databaseUrl,
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--lantern.twilio.account-sid=AC00000000000000000000000000000009", "--lantern.twilio.auth-token=token",
				"--lantern.twilio.from=" + from, "--lantern.twilio.api-base-url=" + twilioBaseUrl,
				"--lantern.twilio.messages-per-second-per-number=0", "--lantern.sandbox=true",
				// small polls, so that a stop lands in the middle of the work rather than after one poll of it all
				"--lantern.delivery.alerts-per-poll=20",
				// a send whose instance died is taken up by another this soon (asking Twilio first)
				"--lantern.delivery.lease=15s"));
		args.addAll(List.of(more));
		return start("notifier-service", log, args.toArray(String[]::new));
	}

	/**
	 * checkin-service with its own database, Twilio's auth token (to sign webhooks with) and its crisis spool
	 * in {@code spool}; its public URL is its own port, so that signatures are computed on what it is called at.
	 */
	static ServiceProcess checkinService(String bootstrapServers, String databaseUrl, String adminPassword,
			String twilioAuthToken, Path spool, Path log, String... more) throws IOException {
		int port = freePort();
		int management = freePort();
		List<String> args = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + bootstrapServers,
				"--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--lantern.admin-password=" + adminPassword,
				"--lantern.twilio.auth-token=" + twilioAuthToken, "--lantern.public-base-url=http://localhost:" + port,
				"--lantern.intake.spool-dir=" + spool, "--lantern.intake.replay-every=500ms",
				"--management.server.port=" + management));
		args.addAll(List.of(more));
		ServiceProcess checkin = start("checkin-service", log, port, args.toArray(String[]::new));
		checkin.managementPort = management;
		return checkin;
	}

	int port() {
		return port;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static ServiceProcess start(String module, Path log, String... args) throws IOException {
		return start(module, log, freePort(), args);
	}

	private static ServiceProcess start(String module, Path log, int port, String... args) throws IOException {
		Path jar = Path.of("../" + module + "/target/" + module + "-exec.jar");
		if (!Files.exists(jar)) {
			throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run the tests with ./mvnw verify");
		}
		// the client compiler only: a test needs the service's behaviour, not its peak speed, and on two cores the
		// server compiler's threads would take the CPU the other processes of the test are starting with
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return new ServiceProcess(module, process, port);
	}

	void awaitReady(Duration timeout) {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest probe = HttpRequest.newBuilder(
				URI.create("http://localhost:" + managementPort + "/actuator/health/readiness"))
			.build();
		// a process that exited will never be ready: say so at once, with its exit code, instead of waiting it out
		org.awaitility.Awaitility.await(name + " ready").atMost(timeout).pollInterval(Duration.ofMillis(250))
			.failFast(name + " exited before it was ready (see its log)", () -> !process.isAlive())
			.ignoreExceptionsInstanceOf(IOException.class)
			.until(() -> http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
	}

	boolean isAlive() {
		return process.isAlive();
	}

	/** SIGKILL. */
	void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor(10, TimeUnit.SECONDS);
	}

	/** SIGTERM, and wait for the graceful shutdown to end. */
	void stop() throws InterruptedException {
		if (process.isAlive()) {
			process.destroy();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				kill();
			}
		}
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}
}
