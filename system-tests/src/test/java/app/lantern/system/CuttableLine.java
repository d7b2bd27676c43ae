package app.lantern.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A line between the browser and checkin-service that a test can cut: while cut, every request on it — the page's,
 * its service worker's — has its connection dropped with no answer, as a phone with no network sees it.
 */
final class CuttableLine implements AutoCloseable {

	private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "transfer-encoding",
			"upgrade", "expect");

	private final HttpServer server;

	private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final String target;

	private volatile boolean cut;

	CuttableLine(String target) throws IOException {
		this.target = target;
		this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 50);
		server.createContext("/", this::forward);
		server.setExecutor(Executors.newFixedThreadPool(8));
		server.start();
	}

	/** Where the browser reaches the service through this line. */
	String base() {
		return "http://localhost:" + server.getAddress().getPort();
	}

	void cut(boolean cut) {
		this.cut = cut;
	}

	private void forward(HttpExchange exchange) throws IOException {
		if (cut) {
			exchange.close(); // dropped: no status, no headers
			return;
		}
		try (exchange; InputStream in = exchange.getRequestBody()) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
				.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes()));
			exchange.getRequestHeaders().forEach((name, values) -> {
				if (!NOT_FORWARDED.contains(name.toLowerCase())) {
					values.forEach(value -> request.header(name, value));
				}
			});
			HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			response.headers().map().forEach((name, values) -> {
				if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
					exchange.getResponseHeaders().put(name, values);
				}
			});
			byte[] body = response.body();
			exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
