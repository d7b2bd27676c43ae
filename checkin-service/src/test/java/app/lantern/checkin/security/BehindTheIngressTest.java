package app.lantern.checkin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import app.lantern.checkin.CheckinServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Behind a TLS ingress (which says so in {@code X-Forwarded-Proto}), the console's session cookie is {@code Secure}
 * and HSTS is sent; straight over plain HTTP from a client nothing forwards for, neither is.
 */
@CheckinServiceTest
class BehindTheIngressTest {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void behindATlsIngressTheSessionCookieIsSecureAndHstsIsSent() throws Exception {
		HttpResponse<String> tls = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
			.header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "198.51.100.20").build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(tls.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(hsts -> assertThat(hsts)
			.contains("max-age="));
		assertThat(tls.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
			.startsWith("SESSION=").contains("Secure").contains("HttpOnly"));
		assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}
}
