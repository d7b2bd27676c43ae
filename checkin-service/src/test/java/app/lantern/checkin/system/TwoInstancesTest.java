package app.lantern.checkin.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.lantern.checkin.CheckinServiceApplication;
import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.sms.TwilioRequests;
import app.lantern.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two checkin-service instances on one database: a staff user signs in on one, and the other serves their next
 * requests — the page, and a form whose CSRF token the first drew — because sessions live in PostgreSQL.
 */
@CheckinServiceTest
class TwoInstancesTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcConnectionDetails database;

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
