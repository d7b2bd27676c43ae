package app.lantern.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Twilio's Messages API as far as the SDK needs it: 201 and a message resource, arrival times kept. The same double
 * takes Alertmanager's webhooks on {@code /alertmanager/CONTACT} (the dispatch's peer, {@link AlertmanagerPeer}),
 * counted the same way: one delivery is one alert's client at one contact.
 */
final class CountingTwilio {

	final long[] producedAt;

	final long[] arrivals;

	void reset() {
		requests.set(0);
		perDelivery.clear();
		lastArrival = 0;
	}

	final AtomicInteger requests = new AtomicInteger();

	final Map<String, AtomicInteger> perDelivery = new ConcurrentHashMap<>();

	volatile long lastArrival;

	private final HttpServer server;

	private CountingTwilio(HttpServer server, int alerts) {
		this.server = server;
		this.producedAt = new long[alerts];
		this.arrivals = new long[alerts * DispatchClients.CONTACTS * 2];
	}

	static CountingTwilio start(int alerts) throws IOException {
		// without it the JDK's server writes headers and body in two packets: Nagle + delayed ACK = 40 ms each
		System.setProperty("sun.net.httpserver.nodelay", "true");
		HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 1024);
		CountingTwilio twilio = new CountingTwilio(server, alerts);
		server.createContext("/", twilio::answer);
		server.createContext("/alertmanager/", twilio::webhook);
		server.setExecutor(Executors.newFixedThreadPool(16, runnable -> {
			Thread thread = new Thread(runnable, "twilio-double");
			thread.setDaemon(true);
			return thread;
		}));
		server.start();
		return twilio;
	}

	int port() {
		return server.getAddress().getPort();
	}

	private void answer(HttpExchange exchange) throws IOException {
		long now = System.currentTimeMillis();
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Map<String, String> form = new HashMap<>();
		for (String pair : body.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		String to = form.getOrDefault("To", "");
		String callback = form.getOrDefault("StatusCallback", "");
		perDelivery.computeIfAbsent(callback.substring(callback.indexOf("d=") + 2), key -> new AtomicInteger())
			.incrementAndGet();
		int client = Integer.parseInt(to.substring(3));
		int n = requests.getAndIncrement();
		if (n < arrivals.length) {
			arrivals[n] = now - producedAt[client];
		}
		lastArrival = now;
		byte[] answer = ("{\"sid\":\"SM" + UUID.randomUUID().toString().replace("-", "")
				+ "\",\"status\":\"queued\"}").getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(201, answer.length);
		exchange.getResponseBody().write(answer);
		exchange.close();
	}

	private static final Pattern CLIENT = Pattern.compile("\"client\":\"bench-(\\d+)\"");

	/** An Alertmanager webhook: one alert a notification (the peer groups by every label), 200 and no body. */
	private void webhook(HttpExchange exchange) throws IOException {
		long now = System.currentTimeMillis();
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Matcher client = CLIENT.matcher(body);
		if (client.find()) {
			String contact = exchange.getRequestURI().getPath().substring("/alertmanager/".length());
			perDelivery.computeIfAbsent(contact + "/" + client.group(1), key -> new AtomicInteger()).incrementAndGet();
			int n = requests.getAndIncrement();
			if (n < arrivals.length) {
				arrivals[n] = now - producedAt[Integer.parseInt(client.group(1))];
			}
			lastArrival = now;
		}
		exchange.sendResponseHeaders(200, -1);
		exchange.close();
	}

	Latencies latencies(int count) {
		return new Latencies(Arrays.stream(arrivals, 0, Math.min(count, arrivals.length))
			.asDoubleStream()
			.toArray());
	}

	void stop() {
		server.stop(0);
	}
}
