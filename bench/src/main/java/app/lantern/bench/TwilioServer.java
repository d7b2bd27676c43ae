package app.lantern.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Twilio double that outlives one benchmark: the local stack's notifier sends to it ({@code
 * LANTERN_TWILIO_API_BASE_URL}) for the whole of {@code ./bench/run all}. It answers the Messages API with 201 and
 * keeps, per number, when the first message to it arrived; {@code GET /arrivals} lists them as {@code to,epochMillis}.
 */
public final class TwilioServer {

	private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();

	public static void main(String[] args) throws IOException {
		System.setProperty("sun.net.httpserver.nodelay", "true");
		int port = args.length > 0 ? Integer.parseInt(args[0]) : 18089;
		TwilioServer twilio = new TwilioServer();
		HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 1024);
		server.createContext("/arrivals", twilio::arrivals);
		server.createContext("/", twilio::message);
		server.setExecutor(Executors.newFixedThreadPool(16));
		server.start();
		System.out.println("Twilio double on " + port);
	}

	private void message(HttpExchange exchange) throws IOException {
		long now = System.currentTimeMillis();
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		for (String pair : body.split("&")) {
			if (pair.startsWith("To=")) {
				firstArrival.putIfAbsent(URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8), now);
			}
		}
		byte[] answer = ("{\"sid\":\"SM" + UUID.randomUUID().toString().replace("-", "") + "\",\"status\":\"queued\"}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(201, answer.length);
		exchange.getResponseBody().write(answer);
		exchange.close();
	}

	private void arrivals(HttpExchange exchange) throws IOException {
		StringBuilder lines = new StringBuilder();
		firstArrival.forEach((to, at) -> lines.append(to).append(',').append(at).append('\n'));
		byte[] answer = lines.toString().getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, answer.length);
		exchange.getResponseBody().write(answer);
		exchange.close();
	}
}
