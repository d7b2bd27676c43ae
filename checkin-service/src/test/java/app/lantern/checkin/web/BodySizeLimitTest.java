package app.lantern.checkin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import app.lantern.checkin.StaffApi;
import app.lantern.checkin.CheckinServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@CheckinServiceTest
class BodySizeLimitTest {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aBodyOver64KiBIsRefusedWith413WhetherItsLengthIsDeclaredOrNot() throws Exception {
		String note = "x".repeat(70 * 1024);
		String json = "{\"clientId\":\"00000000-0000-0000-0000-000000000000\",\"craving\":3,\"note\":\"" + note + "\"}";
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

		HttpResponse<String> declared = http.send(request().POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> chunked = http.send(request()
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(declared.statusCode()).isEqualTo(413);
		assertThat(declared.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
			.startsWith("application/problem+json"));
		assertThat(chunked.statusCode()).isEqualTo(413);
	}

	@Test
	void aSmallChunkedBodyIsStillRead() throws Exception {
		byte[] bytes = "{\"craving\":3}".getBytes(StandardCharsets.UTF_8);

		HttpResponse<String> answer = http.send(request()
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).as("read and checked: clientId is missing").isEqualTo(400);
		assertThat(answer.body()).contains("clientId");
	}

	/**
	 * A form posted in chunks past the limit (the check-in page's, which takes no session) is refused with 413 too —
	 * not read as a form whose fields went missing — and a small one is still read.
	 */
	@Test
	void aChunkedFormOver64KiBIsRefusedWith413() throws Exception {
		byte[] big = ("craving=3&note=" + "x".repeat(70 * 1024)).getBytes(StandardCharsets.UTF_8);
		byte[] small = "craving=3".getBytes(StandardCharsets.UTF_8);

		HttpResponse<String> tooBig = http.send(form(big), HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> fine = http.send(form(small), HttpResponse.BodyHandlers.ofString());

		assertThat(tooBig.statusCode()).isEqualTo(413);
		assertThat(fine.statusCode()).as("read: the link is unknown").isEqualTo(404);
	}

	private HttpRequest form(byte[] body) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/c/no-such-link"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();
	}

	private HttpRequest.Builder request() {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/checkins"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString(("admin:" + StaffApi.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
	}
}
