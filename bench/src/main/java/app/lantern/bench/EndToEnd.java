package app.lantern.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A check-in with a craving of 9 to the sponsor's SMS at the Twilio double ({@link TwilioServer}), at a steady rate
 * (default 100/s for 30 s), each from a different enrolled client (from {@link Enrolment}'s file, after the first
 * {@code skip}). Prints the percentiles, those of the intake's answer alone, and {@code RESULT e2e_p50_ms},
 * {@code RESULT e2e_p99_ms}.
 */
public final class EndToEnd {

	public static void main(String[] args) throws Exception {
		int rate = args.length > 0 ? Integer.parseInt(args[0]) : 100;
		int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
		Path clients = Path.of(args.length > 2 ? args[2] : "bench/target/clients.csv");
		String twilio = args.length > 3 ? args[3] : "http://localhost:18089";
		List<String[]> all = Files.readAllLines(clients).stream().map(line -> line.split(",")).toList();
		Bench.awaitCaughtUp(System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
				"check-in -> SMS");
		int count = Math.min(rate * seconds, all.size());
		Staff staff = new Staff();
		Map<String, Long> sentAt = new ConcurrentHashMap<>();
		Map<String, Long> sentAtByClient = new ConcurrentHashMap<>();
		Map<String, Long> answeredAt = new ConcurrentHashMap<>();
		ExecutorService senders = Executors.newFixedThreadPool(32);
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			String[] client = all.get(all.size() - 1 - i);
			long due = start + (long) (i * 1e9 / rate);
			long wait = due - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			senders.execute(() -> {
				try {
					long now = System.currentTimeMillis();
					sentAt.put(client[1], now);
					sentAtByClient.put(client[0], now);
					HttpResponse<Void> answer = staff.http.send(HttpRequest.newBuilder(URI.create(staff.baseUrl + "/api/checkins"))
						.header("Authorization", staff.authorization).header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"" + client[0] + "\",\"craving\":9}"))
						.build(), HttpResponse.BodyHandlers.discarding());
					answeredAt.put(client[0], System.currentTimeMillis());
					if (answer.statusCode() != 202) {
						System.err.println("check-in answered " + answer.statusCode());
					}
				}
				catch (Exception ex) {
					System.err.println("check-in failed: " + ex);
				}
			});
		}
		senders.shutdown();
		senders.awaitTermination(1, TimeUnit.MINUTES);
		Map<String, Long> arrived = new HashMap<>();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			arrived.clear();
			String body = staff.http.send(HttpRequest.newBuilder(URI.create(twilio + "/arrivals")).build(),
					HttpResponse.BodyHandlers.ofString()).body();
			body.lines().map(line -> line.split(",")).filter(pair -> sentAt.containsKey(pair[0]))
				.forEach(pair -> arrived.put(pair[0], Long.parseLong(pair[1])));
			if (arrived.size() >= sentAt.size()) {
				break;
			}
			TimeUnit.MILLISECONDS.sleep(500);
		}
		Latencies latencies = new Latencies(arrived.entrySet().stream()
			.mapToDouble(entry -> entry.getValue() - sentAt.get(entry.getKey())).toArray());
		System.out.printf("check-in (craving 9) -> sponsor's SMS at the Twilio double, %d/s for %d s: %s; %d of %d told%n",
				rate, seconds, latencies.summary(), arrived.size(), sentAt.size());
		// the first stage on the way: the intake's answer (the rest is the pipeline behind it, on the same cores)
		System.out.printf("the check-in answered (202): %s%n", new Latencies(answeredAt.entrySet().stream()
			.mapToDouble(entry -> entry.getValue() - sentAtByClient.get(entry.getKey())).toArray()).summary());
		System.out.printf("RESULT e2e_p50_ms %.0f%nRESULT e2e_p99_ms %.0f%nRESULT e2e_told %d/%d%n",
				latencies.percentile(50), latencies.percentile(99), arrived.size(), sentAt.size());
	}
}
