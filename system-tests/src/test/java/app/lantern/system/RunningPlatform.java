package app.lantern.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import app.lantern.alert.AlertServiceApplication;
import app.lantern.checkin.CheckinServiceApplication;
import app.lantern.local.ScratchDirectories;
import app.lantern.notifier.NotifierServiceApplication;
import app.lantern.testsupport.MovableClock;
import app.lantern.testsupport.SharedInfrastructure;
import app.lantern.testsupport.SignedSms;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The three services, each in its own Spring context as in production, sharing this JVM's embedded broker
 * and PostgreSQL (a database each). They share a classpath here, so each context leaves out the
 * auto-configuration it would not have on its own.
 */
final class RunningPlatform implements AutoCloseable {

	static final String ADMIN_PASSWORD = "walking-skeleton";

	/** The rules engine's application id, so its consumer group. */
	static final String ALERT_SERVICE_GROUP = "system-test-alert-service";

	/** The key checkin-service checks Twilio's webhook signatures with ({@link SignedSms}). */
	static final String WEBHOOK_TOKEN = "walking-skeleton-webhooks";

	private static final String SECURITY = String.join(",",
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration");

	/**
	 * Staff sessions are checkin-service's alone; on the shared classpath the other two would otherwise keep them
	 * too, and clean a table they do not have every minute.
	 */
	private static final String SESSIONS = String.join(",",
			"org.springframework.boot.session.autoconfigure.SessionAutoConfiguration",
			"org.springframework.boot.session.autoconfigure.SessionsEndpointAutoConfiguration",
			"org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration");

	private static final String DATABASE = String.join(",",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
			"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");

	/** Every span the three services finish, as a collector would receive them (sampling everything). */
	final InMemorySpanExporter spans;

	/** A VAPID public key made for the tests, never a deployment's: the client's page offers notifications. */
	static final String VAPID_PUBLIC_KEY = "BP3XGDMIr4W5mXX--QgQ00oVfDWmjhMqkBITtRX0kCg0qumfJnUkBuMcwxq2A8rbQcGlSfGY-ddV-YGofeJYlh0";

	/** The one clock of the three services: a test moves it across a due time, a grace or a timeout. */
	final MovableClock clock;

	/** The secret checkin-service shows the notifier to read its sandbox outbox. */
	static final String SANDBOX_TOKEN = java.util.UUID.randomUUID().toString();

	final ConfigurableApplicationContext checkin;

	final ConfigurableApplicationContext alert;

	final ConfigurableApplicationContext notifier;

	/** checkin-service's database, which a second instance shares. */
	private final String checkinDatabase;

	private RunningPlatform(ConfigurableApplicationContext checkin, ConfigurableApplicationContext alert,
			ConfigurableApplicationContext notifier, InMemorySpanExporter spans, MovableClock clock,
			String checkinDatabase) {
		this.checkinDatabase = checkinDatabase;
		this.spans = spans;
		this.clock = clock;
		this.checkin = checkin;
		this.alert = alert;
		this.notifier = notifier;
	}

	static RunningPlatform start() throws Exception {
		return start(null);
	}

	/** With Twilio's API at {@code twilioBaseUrl} (a double) for SMS; e-mail stays in the sandbox outbox. */
	static RunningPlatform start(String twilioBaseUrl) throws Exception {
		return start(twilioBaseUrl, "system");
	}

	/** As {@link #start(String)}, on databases of its own ({@code <databases>_checkin}, {@code _notifier}). */
	static RunningPlatform start(String twilioBaseUrl, String databases) throws Exception {
		return start(twilioBaseUrl, databases, SharedInfrastructure::databaseUrl);
	}

	/** As {@link #start(String, String)}, on the PostgreSQL server that {@code databaseUrl} names a database of. */
	static RunningPlatform start(String twilioBaseUrl, String databases, UnaryOperator<String> databaseUrl)
			throws Exception {
		String kafka = SharedInfrastructure.kafkaBootstrapServers();
		List<String> twilio = twilioBaseUrl == null ? List.of()
				: List.of("lantern.twilio.account-sid=AC00000000000000000000000000000010", "lantern.twilio.auth-token=token",
						"lantern.twilio.from=+12025550100", "lantern.twilio.api-base-url=" + twilioBaseUrl,
						"lantern.twilio.messages-per-second-per-number=0");
		InMemorySpanExporter spans = InMemorySpanExporter.create();
		MovableClock clock = new MovableClock();
		Path state = ScratchDirectories.create("lantern-streams");
		// the notifier first: checkin-service reads its sandbox outbox (with the token both are given)
		var notifier = new SpringApplicationBuilder(NotifierServiceApplication.class).initializers(context -> shared(context, spans, clock))
			.run(args(common(kafka, NotifierServiceApplication.class, "notifier-service"), database(databaseUrl.apply(databases + "_notifier")),
					List.of("spring.autoconfigure.exclude=" + SECURITY + "," + SESSIONS, "lantern.sandbox=true",
							"lantern.sandbox-token=" + SANDBOX_TOKEN,
							// the evening note looked for each second (only contacts who asked get one; at 20:00)
							"lantern.digest.every=1s"), twilio));
		String checkinDatabase = databaseUrl.apply(databases + "_checkin");
		var checkin = checkin(kafka, spans, clock, notifier, checkinDatabase);
		var alert = new SpringApplicationBuilder(AlertServiceApplication.class).initializers(context -> shared(context, spans, clock))
			.run(args(common(kafka, AlertServiceApplication.class, "alert-service"), List.of("spring.autoconfigure.exclude=" + SECURITY + "," + DATABASE + "," + SESSIONS,
					"spring.kafka.streams.state-dir=" + state,
					"spring.kafka.streams.application-id=" + ALERT_SERVICE_GROUP)));
		RunningPlatform platform = new RunningPlatform(checkin, alert, notifier, spans, clock, checkinDatabase);
		// as the local stack does: wait until each reports ready (migrated, partitions assigned, streams RUNNING)
		for (ConfigurableApplicationContext context : List.of(checkin, alert, notifier)) {
			awaitReady(managementUrl(context));
		}
		return platform;
	}

	private static ConfigurableApplicationContext checkin(String kafka, InMemorySpanExporter spans, MovableClock clock,
			ConfigurableApplicationContext notifier, String checkinDatabase) {
		// a port known before the start: a passkey is bound to the origin the browser opens
		int port = freePort();
		return new SpringApplicationBuilder(CheckinServiceApplication.class).initializers(context -> shared(context, spans, clock))
			.run(args(common(kafka, CheckinServiceApplication.class, "checkin-service"), database(checkinDatabase),
					List.of("lantern.admin-password=" + ADMIN_PASSWORD, "lantern.sandbox=true", "management.server.port=0",
							"server.port=" + port, "lantern.passkey-origins=http://localhost:" + port,
							// each instance's own local disk, as in production
							"lantern.intake.spool-dir=" + spool(),
							// an appointment's reminder or question goes within a second of its moment (the clock moved)
							"lantern.appointments.check-every=1s",
							// the page offers reminders as notifications (a public key made for the tests)
							"lantern.push.vapid-public-key=" + VAPID_PUBLIC_KEY,
							"lantern.sandbox-token=" + SANDBOX_TOKEN, "lantern.twilio.auth-token=" + WEBHOOK_TOKEN,
							"lantern.console.notifier-url=" + baseUrl(notifier))));
	}

	/**
	 * A second checkin-service instance on the same database and broker, as a deployment of two runs it: it
	 * shares the alert read model's consumer group with the first. Close it before the platform.
	 */
	ConfigurableApplicationContext anotherCheckinInstance() {
		ConfigurableApplicationContext another = checkin(SharedInfrastructure.kafkaBootstrapServers(), spans, clock,
				notifier, checkinDatabase);
		awaitReady(managementUrl(another));
		return another;
	}

	private static int freePort() {
		try (var socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path spool() {
		try {
			return ScratchDirectories.create("crisis-spool");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What the three services share here: the span exporter, and the clock (in place of the system's). */
	private static void shared(ConfigurableApplicationContext context, InMemorySpanExporter spans, MovableClock clock) {
		context.getBeanFactory().registerSingleton("testSpanExporter", spans);
		context.getBeanFactory().registerSingleton("clock", clock);
	}

	private static void awaitReady(String baseUrl) {
		var http = java.net.http.HttpClient.newHttpClient();
		var probe = java.net.http.HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health/readiness")).build();
		org.awaitility.Awaitility.await(baseUrl + " ready")
			.atMost(java.time.Duration.ofMinutes(2))
			.pollInterval(java.time.Duration.ofMillis(250))
			.ignoreExceptions()
			.until(() -> http.send(probe, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
	}

	private static List<String> common(String kafka, Class<?> application, String name) {
		return List.of("spring.config.location=" + ownConfiguration(application), "spring.application.name=" + name,
				"server.port=0", "spring.kafka.bootstrap-servers=" + kafka, "management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.schedule-delay=100ms");
	}

	/** Each service's own application.yml: on a shared classpath, classpath:application.yml is only the first. */
	private static String ownConfiguration(Class<?> application) {
		try {
			URI location = application.getProtectionDomain().getCodeSource().getLocation().toURI();
			return location.getPath().endsWith(".jar") ? "jar:" + location + "!/application.yml"
					: location.resolve("application.yml").toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> database(String url) {
		return List.of("spring.datasource.url=" + url,
				"spring.datasource.username=postgres", "spring.datasource.password=");
	}

	/**
	 * As command-line arguments, which outrank each service's application.yml; a later group's property replaces an
	 * earlier one's (a property given twice would be read as both values, comma-joined).
	 */
	@SafeVarargs
	private static String[] args(List<String>... groups) {
		Map<String, String> args = new LinkedHashMap<>();
		for (List<String> group : groups) {
			group.forEach(property -> args.put(property.substring(0, property.indexOf('=')), "--" + property));
		}
		return args.values().toArray(String[]::new);
	}

	/** Where the service's actuator answers: its own management port (checkin-service), or its only port. */
	static String managementUrl(ConfigurableApplicationContext context) {
		String management = context.getEnvironment().getProperty("local.management.port");
		return management == null ? baseUrl(context) : "http://localhost:" + management;
	}

	static String baseUrl(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return "http://localhost:" + port;
	}

	@Override
	public void close() {
		notifier.close();
		alert.close();
		checkin.close();
	}
}
