package app.lantern.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import app.lantern.events.EventJson;

/**
 * Enrols clients through the staff API as a programme's data entry would — each a client, a sponsor by SMS, the
 * sponsor's opt-in heard by staff and the client's consent — on 16 threads, and writes
 * {@code clientId,sponsorPhone} lines for the other benchmarks. Prints {@code RESULT enrolment_per_s}. Arguments:
 * clients, threads, the file, the first client's number (0).
 */
public final class Enrolment {

	public static void main(String[] args) throws Exception {
		int clients = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
		Path out = Path.of(args.length > 2 ? args[2] : "bench/target/clients.csv");
		// the first client's number: a second run on the same stack enrols other numbers
		int first = args.length > 3 ? Integer.parseInt(args[3]) : 0;
		Staff staff = new Staff();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		long started = System.nanoTime();
		List<Future<String>> enrolled = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			int n = first + i;
			enrolled.add(pool.submit(() -> enrol(staff, n)));
		}
		List<String> lines = new ArrayList<>();
		for (Future<String> one : enrolled) {
			lines.add(one.get());
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		pool.shutdown();
		Files.createDirectories(out.toAbsolutePath().getParent());
		Files.write(out, lines);
		System.out.printf("enrolled %,d clients (client, contact, opt-in, consent: 4 requests each) with %d threads "
				+ "in %.1f s%n", clients, threads, seconds);
		System.out.printf("RESULT enrolment_per_s %.0f%n", clients / seconds);
	}

	/** {@code clientId,sponsorPhone}. */
	private static String enrol(Staff staff, int n) throws IOException, InterruptedException {
		String clientPhone = String.format("+1303555%04d", n % 10_000);
		String sponsorPhone = String.format("+1404555%04d", n % 10_000);
		String client = id(staff.send("POST", "/api/clients", Map.of("displayName", "Bench " + n, "phone", clientPhone,
				"timezone", "America/New_York", "schedule", Map.of("dueTimes", List.of("09:00")), "cravingThreshold", 8)),
				201);
		String contact = id(staff.send("POST", "/api/clients/" + client + "/contacts", Map.of("name", "Sponsor " + n,
				"role", "SPONSOR", "phone", sponsorPhone, "channels", List.of("SMS"), "tier", 1)), 201);
		ok(staff.send("POST", "/api/clients/" + client + "/contacts/" + contact + "/opt-in", Map.of("channel", "SMS")),
				200);
		ok(staff.send("POST", "/api/clients/" + client + "/contacts/" + contact + "/consents", Map.of("alertTypes",
				List.of("HIGH_CRAVING", "CRISIS", "MISSED_CHECKIN"), "purpose", "support", "expiryEvent",
				"discharge from the programme")), 201);
		return client + "," + sponsorPhone;
	}

	private static String id(HttpResponse<String> response, int expected) {
		ok(response, expected);
		return EventJson.mapper().readTree(response.body()).get("id").asString();
	}

	private static void ok(HttpResponse<String> response, int expected) {
		if (response.statusCode() != expected) {
			throw new IllegalStateException(response.request().uri().getPath() + " answered " + response.statusCode()
					+ ": " + response.body());
		}
	}
}
