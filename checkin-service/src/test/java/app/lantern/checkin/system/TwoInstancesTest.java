package app.lantern.checkin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.lantern.checkin.CheckinServiceApplication;
import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.sms.TwilioRequests;
import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.EventJson;
import app.lantern.events.Severity;
import app.lantern.events.Topics;
import app.lantern.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Two checkin-service instances on one database: a staff user signs in on one, and the other serves their next
 * requests — the page, and a form whose CSRF token the first drew — because sessions live in PostgreSQL. With
 * the alerts topic's partitions split between them, the alert queue's live stream on each hears an alert from
 * every partition (PostgreSQL LISTEN/NOTIFY from the read model).
 */
@CheckinServiceTest
class TwoInstancesTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcConnectionDetails database;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Test
	void aSignedInStaffUserIsServedByEitherInstance() throws Exception {
		try (ConfigurableApplicationContext other = new SpringApplicationBuilder(CheckinServiceApplication.class)
			.run("--server.port=0", "--management.server.port=0", "--spring.datasource.url=" + database.getJdbcUrl(),
					"--spring.datasource.username=" + database.getUsername(),
					"--spring.datasource.password=" + (database.getPassword() == null ? "" : database.getPassword()),
					"--spring.kafka.bootstrap-servers=" + SharedInfrastructure.kafkaBootstrapServers(),
					"--lantern.admin-password=" + StaffApi.ADMIN_PASSWORD,
					"--lantern.twilio.auth-token=" + TwilioRequests.AUTH_TOKEN)) {
			int otherPort = ((WebServerApplicationContext) other).getWebServer().getPort();
			HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

			String login = get(browser, port, "/login").body();
			send(browser, port, "POST", "/login",
					"username=admin&password=" + StaffApi.ADMIN_PASSWORD + "&_csrf=" + csrf(login));
			HttpResponse<String> caseload = get(browser, otherPort, "/");
			assertThat(caseload.statusCode()).as("signed in on the other instance too").isEqualTo(200);
			assertThat(caseload.body()).contains("Sign out");

			// a form drawn by the first instance, posted to the other: the CSRF token is in the shared session
			String page = get(browser, port, "/on-call").body();
			HttpResponse<String> posted = send(browser, otherPort, "POST", "/on-call/staff/admin",
					"phone=&email=&_csrf=" + csrf(page));
			assertThat(posted.statusCode()).isEqualTo(302);
			assertThat(posted.headers().firstValue("Location").orElse("")).endsWith("/on-call");

			// the live queue, open on both instances: an alert on any partition reaches both, whichever instance's
			// listener wrote it to the read model
			KafkaListenerEndpointRegistry otherListeners = other.getBean(KafkaListenerEndpointRegistry.class);
			await().atMost(Duration.ofSeconds(60)).until(() -> held(listeners) > 0 && held(otherListeners) > 0);
			AtomicInteger heardHere = listen(browser, port);
			AtomicInteger heardThere = listen(browser, otherPort);
			String clientId = StaffApi.enrol(StaffApi.admin(port), "Live Stream", "+12025550140");
			for (int partition = 0; partition < partitions(); partition++) {
				int here = heardHere.get();
				int there = heardThere.get();
				publish(partition, clientId, EventJson.writeString(AlertEvent.of(UUID.randomUUID(), clientId,
						AlertType.HIGH_CRAVING, Severity.HIGH, 1, AlertState.RAISED, "rule high-craving", Instant.now(),
						null, Instant.now())));
				await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
					assertThat(heardHere).as("this instance's browser").hasValueGreaterThan(here);
					assertThat(heardThere).as("the other instance's browser").hasValueGreaterThan(there);
				});
			}
			System.out.printf("live stream: partitions held here %d, there %d; every alert heard on both%n",
					held(listeners), held(otherListeners));
		}
	}

	private static int held(KafkaListenerEndpointRegistry registry) {
		var assigned = registry.getListenerContainer("checkin-alerts").getAssignedPartitions();
		return assigned == null ? 0 : assigned.size();
	}

	/** Opens the queue's stream as the signed-in browser and counts the changes it is told of. */
	private static AtomicInteger listen(HttpClient browser, int port) throws Exception {
		HttpResponse<InputStream> answer = browser.sendAsync(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/alerts/stream"))
					.header("Accept", "text/event-stream").build(),
				HttpResponse.BodyHandlers.ofInputStream()).get(20, TimeUnit.SECONDS);
		assertThat(answer.statusCode()).isEqualTo(200);
		AtomicInteger heard = new AtomicInteger();
		Thread reader = new Thread(() -> {
			try (var lines = new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.equals("event:alerts")) {
						heard.incrementAndGet();
					}
				}
			}
			catch (Exception closed) {
				// the instance went away at the end of the test
			}
		});
		reader.setDaemon(true);
		reader.start();
		return heard;
	}

	private static int partitions() {
		try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
			return producer.partitionsFor(Topics.ALERTS).size();
		}
	}

	private static void publish(int partition, String key, String value) throws Exception {
		try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(Topics.ALERTS, partition, key, value)).get();
		}
	}

	private static HttpResponse<String> get(HttpClient browser, int port, String path) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> send(HttpClient browser, int port, String method, String path, String form)
			throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.method(method, HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String csrf(String page) {
		Matcher token = Pattern.compile("name=\"_csrf\" (?:type=\"hidden\" )?value=\"([^\"]+)\"").matcher(page);
		assertThat(token.find()).as("a CSRF token in the page").isTrue();
		return URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
	}
}
