package app.lantern.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Twilio double that outlives one benchmark: the local stack's notifier sends to it ({@code
 * LANTERN_TWILIO_API_BASE_URL}) for the whole of {@code ./bench/run all}. It answers the Messages API with 201 and
 * keeps when each message arrived, per number; {@code GET /arrivals} lists the first to each number as
 * {@code to,epochMillis}, {@code GET /arrivals?since=epochMillis} the first at or after then, with how many came
 * since ({@code to,epochMillis,count}).
 */
public final class TwilioServer {

	private final Map<String, Queue<Long>> arrivals = new ConcurrentHashMap<>();

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
				arrivals.computeIfAbsent(URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8),
						to -> new ConcurrentLinkedQueue<>()).add(now);
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
		String query = exchange.getRequestURI().getQuery();
		long since = query != null && query.startsWith("since=") ? Long.parseLong(query.substring(6)) : -1;
		StringBuilder lines = new StringBuilder();
		arrivals.forEach((to, times) -> {
			List<Long> after = times.stream().filter(at -> at >= since).sorted().toList();
			if (after.isEmpty()) {
				return;
			}
			lines.append(to).append(',').append(after.get(0));
			if (since >= 0) {
				lines.append(',').append(after.size());
			}
			lines.append('\n');
		});
		byte[] answer = lines.toString().getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, answer.length);
		exchange.getResponseBody().write(answer);
		exchange.close();
	}
}
