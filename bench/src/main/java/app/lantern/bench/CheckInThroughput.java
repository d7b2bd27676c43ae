package app.lantern.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sustained {@code POST /api/checkins} against the running stack at several concurrencies: each worker sends
 * one check-in at a time, as fast as it is answered, for a fixed time after a warm-up.
 */
public final class CheckInThroughput {

	public static void main(String[] args) throws Exception {
		Duration run = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 20);
		int[] concurrencies = { 8, 64 };
		Staff staff = new Staff();
		List<String> clients = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			clients.add(staff.enrol("Bench " + i, "+1202555" + (1000 + (int) (Math.random() * 8999))));
		}
		// warm-up: the JIT of every service on the path, and the pools
		measure(staff, clients, 16, Duration.ofSeconds(15), false);
		for (int concurrency : concurrencies) {
			measure(staff, clients, concurrency, run, true);
		}
	}

	private static void measure(Staff staff, List<String> clients, int concurrency, Duration run, boolean report)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(concurrency);
		AtomicLong errors = new AtomicLong();
		long deadline = System.nanoTime() + run.toNanos();
		List<Future<double[]>> workers = new ArrayList<>();
		for (int w = 0; w < concurrency; w++) {
			String clientId = clients.get(w % clients.size());
			workers.add(pool.submit(() -> {
				double[] latencies = new double[1 << 20];
				int n = 0;
				while (System.nanoTime() < deadline && n < latencies.length) {
					HttpRequest request = HttpRequest.newBuilder(URI.create(staff.baseUrl + "/api/checkins"))
						.header("Authorization", staff.authorization)
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(
								"{\"clientId\":\"" + clientId + "\",\"craving\":" + (n % 8) + ",\"mood\":3}"))
						.build();
					long start = System.nanoTime();
					HttpResponse<Void> response = staff.http.send(request, HttpResponse.BodyHandlers.discarding());
					latencies[n++] = (System.nanoTime() - start) / 1e6;
					if (response.statusCode() != 202) {
						errors.incrementAndGet();
					}
				}
				return Arrays.copyOf(latencies, n);
			}));
		}
		List<Double> all = new ArrayList<>();
		for (Future<double[]> worker : workers) {
			for (double latency : worker.get()) {
				all.add(latency);
			}
		}
		pool.shutdown();
		if (report) {
			double[] values = all.stream().mapToDouble(Double::doubleValue).toArray();
			System.out.printf("POST /api/checkins, %d concurrent clients, %d s: %.0f check-ins/s, errors %d%n",
					concurrency, run.toSeconds(), values.length / (double) run.toSeconds(), errors.get());
			System.out.println("  " + new Latencies(values).summary());
		}
	}
}
