package app.lantern.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Starts the platform and keeps it running until Ctrl-C, then stops it in reverse order: services, broker,
 * database. Configuration variables (docs/contract.md) in the environment reach the services unchanged, so the
 * same command can send real SMS and e-mail.
 */
public final class LocalStack {

	private final Path root;

	private final Path data;

	private final List<ChildProcess> services = new ArrayList<>();

	/** The broker, starting beside the services (null with an external cluster, or before the start). */
	private volatile LocalKafka kafka;

	private RoundRobinFront front;

	/** Kafka nodes: 1, or 3 and more for a replicated cluster ({@code --brokers 3}). */
	private final int brokers;

	/** Instances of each service ({@code --instances N}); with more than one, a round-robin front on 8080. */
	private final int instances;

	private LocalPostgres postgres;

	/** PostgreSQL as durable as in production ({@code --durable}: fsync and synchronous commit on), for benchmarks. */
	private final boolean durable;

	private LocalStack(Path root, Path data, int brokers, int instances, boolean durable) {
		this.root = root;
		this.data = data;
		this.brokers = brokers;
		this.instances = instances;
		this.durable = durable;
	}

	public static void main(String[] args) throws Exception {
		Path root = Path.of(System.getProperty("lantern.root", ".")).toAbsolutePath().normalize();
		Path data = Path.of(env("LANTERN_DATA_DIR", root.resolve(".lantern").toString())).toAbsolutePath();
		Files.createDirectories(data);
		int brokers = option(args, "--brokers", 1);
		int instances = option(args, "--instances", 1);
		if (brokers == 2 || brokers < 1 || instances < 1) {
			throw new IllegalArgumentException("--brokers is 1, or 3 and more (a quorum); --instances is 1 or more");
		}
		LocalStack stack = new LocalStack(root, data, brokers, instances, Arrays.asList(args).contains("--durable"));
		Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "lantern-stop"));
		stack.start();
		Thread.currentThread().join();
	}

	private void start() throws Exception {
		long started = System.nanoTime();
		say("data folder " + data);
		String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
		if (bootstrap != null && !bootstrap.isBlank()) {
			say("using the Kafka cluster at " + bootstrap);
		}
		else {
			kafka = LocalKafka.start(root.resolve("infra/local/target/lib"), data, brokers,
					Integer.parseInt(env("LANTERN_KAFKA_PORT", "9092")));
			bootstrap = kafka.bootstrapServers();
		}

		postgres = LocalPostgres.start(data.resolve("postgres"), Integer.parseInt(env("LANTERN_POSTGRES_PORT", "15432")),
				durable);
		if (durable) {
			say("PostgreSQL durable as in production: fsync, synchronous_commit and full_page_writes on");
		}
		say("PostgreSQL ready on port " + postgres.port());

		String adminPassword = LocalAdminPassword.of(data);
		LocalVapidKeys vapid = LocalVapidKeys.of(data);
		// the local stack is the sandbox: without Twilio or SMTP settings, messages go to the sandbox outbox
		// staff read the sandbox outbox through checkin-service, which shows the notifier this token
		// two connections kept open per service rather than ten: the pool opens more as work needs them
		Map<String, String> common = Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "LANTERN_KAFKA_PARTITIONS",
				env("LANTERN_KAFKA_PARTITIONS", "3"), "LANTERN_SANDBOX", env("LANTERN_SANDBOX", "true"),
				"SPRING_DATASOURCE_HIKARI_MINIMUM_IDLE", env("SPRING_DATASOURCE_HIKARI_MINIMUM_IDLE", "2"),
				"LANTERN_SANDBOX_TOKEN", env("LANTERN_SANDBOX_TOKEN", UUID.randomUUID().toString()));
		List<Integer> checkinPorts = new ArrayList<>();
		for (int i = 0; i < instances; i++) {
			InstancePorts ports = InstancePorts.of(i, instances);
			checkinPorts.add(ports.checkin());
			services.add(service(name("checkin", i), "checkin-service", common,
					Map.of("SPRING_DATASOURCE_URL", postgres.url("lantern_checkin"), "SPRING_DATASOURCE_USERNAME",
							LocalPostgres.USER, "SPRING_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD,
							"LANTERN_ADMIN_PASSWORD", adminPassword, "LANTERN_INTAKE_SPOOL_DIR",
							data.resolve(i == 0 ? "spool" : "spool-" + i).toString(), "SERVER_PORT",
							String.valueOf(ports.checkin()), "MANAGEMENT_SERVER_PORT",
							String.valueOf(ports.checkinManagement()), "LANTERN_PUSH_VAPID_PUBLIC_KEY", vapid.publicKey())));
			services.add(service(name("alert", i), "alert-service", common,
					Map.of("LANTERN_STATE_DIR", data.resolve(i == 0 ? "streams" : "streams-" + i).toString(),
							"SERVER_PORT", String.valueOf(ports.alert()))));
			services.add(service(name("notifier", i), "notifier-service", common,
					Map.of("SPRING_DATASOURCE_URL", postgres.url("lantern_notifier"), "SPRING_DATASOURCE_USERNAME",
							LocalPostgres.USER, "SPRING_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD, "SERVER_PORT",
							String.valueOf(ports.notifier()), "LANTERN_PUSH_VAPID_PUBLIC_KEY", vapid.publicKey(),
							"LANTERN_PUSH_VAPID_PRIVATE_KEY", vapid.privateKey())));
		}
		if (kafka != null) {
			kafka.awaitStarted();
		}
		if (instances > 1) {
			front = RoundRobinFront.start(8080, checkinPorts);
			say("round-robin front on 8080 for checkin-service at " + checkinPorts);
		}
		for (int i = 0; i < instances; i++) {
			for (int port : InstancePorts.of(i, instances).management()) {
				Readiness.await("http://localhost:" + port, Duration.ofMinutes(3));
			}
		}

		say("the services are ready");
		Path demoClients = data.resolve("demo-clients.txt");
		if (!Files.exists(demoClients)) {
			List<String> clients = DemoData.load("http://localhost:8080", "admin", adminPassword);
			Files.write(demoClients, clients);
			say("demo data loaded: 3 clients in 2 programmes with schedules, contacts and consents; admin on call (tier 3)");
		}
		if (instances > 1 || brokers > 1) {
			say(instances + " instance(s) of each service: checkin-service " + checkinPorts + " (management "
					+ "9080, 9180, ...), alert-service 8081, 8181, ..., notifier-service 8082, 8182, ...");
		}
		ReadyBanner.print(Duration.ofNanos(System.nanoTime() - started), adminPassword, data,
				Files.readAllLines(demoClients));
	}

	private static String name(String service, int instance) {
		return instance == 0 ? service : service + "-" + (instance + 1);
	}

	private static int option(String[] args, String name, int fallback) {
		for (int i = 0; i < args.length - 1; i++) {
			if (args[i].equals(name)) {
				return Integer.parseInt(args[i + 1]);
			}
		}
		return fallback;
	}

	private ChildProcess service(String prefix, String module, Map<String, String> common, Map<String, String> own)
			throws Exception {
		Path jar = root.resolve(module).resolve("target").resolve(module + "-exec.jar");
		if (!Files.exists(jar)) {
			throw new IllegalStateException(jar + " is missing: build with ./mvnw -DskipTests package");
		}
		List<String> command = Java.command("512m");
		command.addAll(StartArchive.command(jar, !prefix.matches(".*-[0-9]+")));
		Map<String, String> environment = new HashMap<>(common);
		environment.putAll(own);
		return ChildProcess.start(prefix, command, environment, data.resolve("logs").resolve(prefix.replaceFirst("^[a-z]+", module) + ".log"));
	}

	private void stop() {
		say("stopping");
		for (int i = services.size() - 1; i >= 0; i--) {
			services.get(i).requestStop();
		}
		for (ChildProcess service : services) {
			service.awaitStop(Duration.ofSeconds(30));
		}
		if (front != null) {
			front.close();
		}
		if (kafka != null) {
			kafka.close();
		}
		AotCaches.makeTrained();
		if (postgres != null) {
			postgres.stop();
		}
		say("stopped; data kept in " + data);
	}

	static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

	/** When the launcher started: each of its lines says how long after, so that a slow start shows its step. */
	private static final long STARTED = System.nanoTime();

	static void say(String message) {
		System.out.printf("[lantern ] %5.1f s  %s%n", (System.nanoTime() - STARTED) / 1e9, message);
		System.out.flush();
	}
}
