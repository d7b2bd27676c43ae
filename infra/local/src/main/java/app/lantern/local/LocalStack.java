package app.lantern.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Starts the platform and keeps it running until Ctrl-C, then stops it in reverse order: services, broker,
 * database. Configuration variables of DESIGN.md in the environment reach the services unchanged, so the
 * same command can send real SMS and e-mail.
 */
public final class LocalStack {

	private final Path root;

	private final Path data;

	private final List<ChildProcess> services = new ArrayList<>();

	private KafkaBroker kafka;

	private LocalPostgres postgres;

	private LocalStack(Path root, Path data) {
		this.root = root;
		this.data = data;
	}

	public static void main(String[] args) throws Exception {
		Path root = Path.of(System.getProperty("lantern.root", ".")).toAbsolutePath().normalize();
		Path data = Path.of(env("LANTERN_DATA_DIR", root.resolve(".lantern").toString())).toAbsolutePath();
		Files.createDirectories(data);
		LocalStack stack = new LocalStack(root, data);
		Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "lantern-stop"));
		stack.start();
		Thread.currentThread().join();
	}

	private void start() throws Exception {
		long started = System.nanoTime();
		say("data folder " + data);
		postgres = LocalPostgres.start(data.resolve("postgres"), Integer.parseInt(env("LANTERN_POSTGRES_PORT", "15432")));
		say("PostgreSQL ready on port " + postgres.port());

		String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
		if (bootstrap == null || bootstrap.isBlank()) {
			kafka = KafkaBroker.start(root.resolve("infra/local/target/lib"), data.resolve("kafka"),
					Integer.parseInt(env("LANTERN_KAFKA_PORT", "9092")));
			bootstrap = kafka.bootstrapServers();
			say("Kafka broker (KRaft) ready at " + bootstrap);
		}
		else {
			say("using the Kafka cluster at " + bootstrap);
		}

		String adminPassword = adminPassword();
		// the local stack is the sandbox: without Twilio or SMTP settings, messages go to the sandbox outbox
		// staff read the sandbox outbox through checkin-service, which shows the notifier this token
		Map<String, String> common = Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "LANTERN_KAFKA_PARTITIONS",
				env("LANTERN_KAFKA_PARTITIONS", "3"), "LANTERN_SANDBOX", env("LANTERN_SANDBOX", "true"),
				"LANTERN_SANDBOX_TOKEN", env("LANTERN_SANDBOX_TOKEN", java.util.UUID.randomUUID().toString()));
		services.add(service("checkin", "checkin-service", common,
				Map.of("SPRING_DATASOURCE_URL", postgres.url("lantern_checkin"), "SPRING_DATASOURCE_USERNAME",
						LocalPostgres.USER, "SPRING_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD,
						"LANTERN_ADMIN_PASSWORD", adminPassword, "LANTERN_INTAKE_SPOOL_DIR",
						data.resolve("spool").toString())));
		services.add(service("alert", "alert-service", common,
				Map.of("LANTERN_STATE_DIR", data.resolve("streams").toString())));
		services.add(service("notifier", "notifier-service", common,
				Map.of("SPRING_DATASOURCE_URL", postgres.url("lantern_notifier"), "SPRING_DATASOURCE_USERNAME",
						LocalPostgres.USER, "SPRING_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD)));

		// checkin-service's actuator is on its management port, not the internet-facing 8080
		Readiness.await("http://localhost:9080", Duration.ofMinutes(3));
		Readiness.await("http://localhost:8081", Duration.ofMinutes(3));
		Readiness.await("http://localhost:8082", Duration.ofMinutes(3));

		Path demoClients = data.resolve("demo-clients.txt");
		if (!Files.exists(demoClients)) {
			List<String> clients = DemoData.load("http://localhost:8080", "admin", adminPassword);
			Files.write(demoClients, clients);
			say("demo data loaded: 3 clients with schedules, contacts and consents; admin on call (tier 3)");
		}
		String demo = String.join("\n                   ", Files.readAllLines(demoClients));
		long seconds = Duration.ofNanos(System.nanoTime() - started).toMillis();
		System.out.printf("""

				  Lantern is ready (%.1f s)

				  Staff console    http://localhost:8080/            sign in as admin / %s
				  Staff API        http://localhost:8080/api/clients (HTTP Basic, same login)
				  Sandbox outbox   http://localhost:8080/sandbox (GET /api/sandbox/messages, same login)
				  alert-service    http://localhost:8081/actuator/health
				  Metrics          http://localhost:{9080,8081,8082}/actuator/prometheus (checkin-service's on its management port)
				  Data             %s
				  Demo clients     %s

				  Try it:  curl -u admin:%s -H 'Content-Type: application/json' \\
				             -d '{"clientId":"<a demo client id>","craving":9}' http://localhost:8080/api/checkins
				  Ctrl-C stops everything; the data stays for the next start.

				""", seconds / 1000.0, adminPassword, data, demo, adminPassword);
		System.out.flush();
	}

	private ChildProcess service(String prefix, String module, Map<String, String> common, Map<String, String> own)
			throws Exception {
		Path jar = root.resolve(module).resolve("target").resolve(module + "-exec.jar");
		if (!Files.exists(jar)) {
			throw new IllegalStateException(jar + " is missing: build with ./mvnw -DskipTests package");
		}
		List<String> command = List.of(Java.executable(), "-Xmx512m", "-XX:+UseSerialGC", "-jar", jar.toString());
		Map<String, String> environment = new java.util.HashMap<>(common);
		environment.putAll(own);
		return ChildProcess.start(prefix, command, environment, data.resolve("logs").resolve(module + ".log"));
	}

	private String adminPassword() throws Exception {
		String configured = System.getenv("LANTERN_ADMIN_PASSWORD");
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		Path file = data.resolve("admin-password");
		if (Files.exists(file)) {
			return Files.readString(file).trim();
		}
		byte[] random = new byte[12];
		new SecureRandom().nextBytes(random);
		String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		Files.writeString(file, generated + "\n");
		file.toFile().setReadable(false, false);
		file.toFile().setReadable(true, true);
		say("generated the admin password (kept in " + file + ")");
		return generated;
	}

	private void stop() {
		say("stopping");
		for (int i = services.size() - 1; i >= 0; i--) {
			services.get(i).requestStop();
		}
		for (ChildProcess service : services) {
			service.awaitStop(Duration.ofSeconds(30));
		}
		if (kafka != null) {
			kafka.stop();
		}
		if (postgres != null) {
			postgres.stop();
		}
		say("stopped; data kept in " + data);
	}

	static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

	static void say(String message) {
		System.out.println("[lantern ] " + message);
		System.out.flush();
	}
}
