package app.lantern.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import app.lantern.events.EventJson;

/** The staff API of the running stack, for benchmarks. */
final class Staff {

	final String baseUrl = System.getenv().getOrDefault("LANTERN_URL", "http://localhost:8080");

	final String authorization = "Basic " + Base64.getEncoder()
		.encodeToString(("admin:" + System.getenv("LANTERN_ADMIN_PASSWORD")).getBytes(StandardCharsets.UTF_8));

	final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	HttpResponse<String> send(String method, String path, Object body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.header("Authorization", authorization)
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(EventJson.mapper().writeValueAsString(body)));
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	String enrol(String name, String phone) throws IOException, InterruptedException {
		HttpResponse<String> response = send("POST", "/api/clients", Map.of("displayName", name, "phone", phone,
				"timezone", "America/New_York", "schedule", Map.of("dueTimes", List.of("09:00")), "cravingThreshold", 8));
		if (response.statusCode() != 201) {
			throw new IllegalStateException("enrol answered " + response.statusCode() + ": " + response.body());
		}
		return EventJson.mapper().readTree(response.body()).get("id").asString();
	}
}
