package app.lantern.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Waits for a service's readiness probe: its database migrated and its Kafka consumers assigned. */
final class Readiness {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private Readiness() {
	}

	static void await(String baseUrl, Duration timeout) throws InterruptedException {
		URI probe = URI.create(baseUrl + "/actuator/health/readiness");
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(probe).GET().build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException(baseUrl + " was not ready within " + timeout.toSeconds() + " s");
	}
}
