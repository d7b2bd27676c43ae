package app.lantern.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import app.lantern.local.Ports;
import app.lantern.local.ScratchDirectories;

import static org.awaitility.Awaitility.await;

/**
 * The dispatch's peer: Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}) sending the same number of
 * alerts to three webhook receivers each — one notification per alert per receiver, as the notifier sends one SMS
 * per alert per contact — into the same double the notifier's benchmark used ({@link CountingTwilio}). Every alert is
 * a group of its own ({@code group_by: ['...']}, no wait), nothing repeats within the run. Prints its rate (first
 * alert posted → last notification at the double) and how many notifications arrived more than once, as
 * {@code RESULT alertmanager_per_s} and {@code RESULT alertmanager_twice}.
 */
final class AlertmanagerPeer {

	private static final String BINARY = "/usr/bin/prometheus-alertmanager";

	private static final int BATCH = 1_000;

	private AlertmanagerPeer() {
	}

	/** On its own: {@code java -cp ... app.lantern.bench.AlertmanagerPeer [alerts, 100000]}. */
	public static void main(String[] args) throws Exception {
		int alerts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		CountingTwilio twilio = CountingTwilio.start(alerts);
		try {
			measure(twilio, alerts);
		}
		finally {
			twilio.stop();
		}
	}

	static void measure(CountingTwilio twilio, int alerts) throws Exception {
		if (!Files.isExecutable(Path.of(BINARY))) {
			System.out.println("Alertmanager is not installed (Debian: apt-get install prometheus-alertmanager): "
					+ "the dispatch's peer is not measured");
			return;
		}
		Path work = ScratchDirectories.create("lantern-bench-alertmanager");
		int port = Ports.freePair();
		Process alertmanager = null;
		try {
			Path config = work.resolve("alertmanager.yml");
			StringBuilder receivers = new StringBuilder();
			for (int contact = 1; contact <= DispatchClients.CONTACTS; contact++) {
				receivers.append("      - url: http://localhost:%d/alertmanager/%d%n        send_resolved: false%n"
					.formatted(twilio.port(), contact));
			}
			Files.writeString(config, """
					route:
					  receiver: contacts
					  group_by: ['...']
					  group_wait: 0s
					  group_interval: 1h
					  repeat_interval: 24h
					receivers:
					  - name: contacts
					    webhook_configs:
					""" + receivers);
			alertmanager = new ProcessBuilder(BINARY, "--config.file=" + config, "--storage.path=" + work.resolve("data"),
					"--web.listen-address=localhost:" + port, "--cluster.listen-address=", "--log.level=warn")
				.redirectErrorStream(true)
				.redirectOutput(work.resolve("alertmanager.log").toFile())
				.start();
			HttpClient http = HttpClient.newHttpClient();
			Process running = alertmanager;
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> running.isAlive() && http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/-/ready")).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200);
			System.out.println(version());
			twilio.reset();
			long started = System.currentTimeMillis();
			// posted by four threads at once, as Prometheus servers and their rule evaluations would
			ExecutorService posters = Executors.newFixedThreadPool(4);
			List<Future<?>> posts = new ArrayList<>();
			for (int from = 0; from < alerts; from += BATCH) {
				int first = from;
				posts.add(posters.submit(() -> post(http, port, twilio, first, Math.min(alerts, first + BATCH))));
			}
			for (Future<?> post : posts) {
				post.get();
			}
			posters.shutdown();
			System.out.printf("posted %,d alerts in %.1f s%n", alerts, (System.currentTimeMillis() - started) / 1e3);
			int expected = alerts * DispatchClients.CONTACTS;
			AtomicInteger last = new AtomicInteger(-1);
			long[] lastProgress = { System.currentTimeMillis() };
			// until every notification arrived, or none for 30 s (Alertmanager gave up on some)
			await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
				int seen = twilio.perDelivery.size();
				if (seen != last.getAndSet(seen)) {
					lastProgress[0] = System.currentTimeMillis();
				}
				return seen >= expected || System.currentTimeMillis() - lastProgress[0] > 30_000;
			});
			// a moment more for any notification sent twice after the last new one
			TimeUnit.SECONDS.sleep(5);
			int distinct = twilio.perDelivery.size();
			double seconds = (twilio.lastArrival - started) / 1e3;
			long twice = twilio.perDelivery.values().stream().filter(count -> count.get() > 1).count();
			System.out.printf("Alertmanager: %,d of %,d notifications at the double in %.1f s: %,.0f/s; %,d requests, "
					+ "%,d notifications more than once%n", distinct, expected, seconds, distinct / seconds,
					twilio.requests.get(), twice);
			System.out.println("alert posted -> webhook at the double: " + twilio.latencies(distinct).summary());
			System.out.printf("RESULT alertmanager_per_s %.0f%nRESULT alertmanager_twice %d%nRESULT alertmanager_told %d/%d%n",
					distinct / seconds, twice, distinct, expected);
		}
		finally {
			if (alertmanager != null) {
				alertmanager.destroy();
				alertmanager.waitFor(30, TimeUnit.SECONDS);
			}
			ScratchDirectories.delete(work);
		}
	}

	private static Void post(HttpClient http, int port, CountingTwilio twilio, int from, int to)
			throws IOException, InterruptedException {
		Instant now = Instant.now();
		StringBuilder body = new StringBuilder("[");
		for (int i = from; i < to; i++) {
			body.append(i == from ? "" : ",")
				.append("{\"labels\":{\"alertname\":\"HIGH_CRAVING\",\"client\":\"bench-%d\"},\"startsAt\":\"%s\",\"endsAt\":\"%s\"}"
					.formatted(i, now, now.plus(Duration.ofHours(2))));
			twilio.producedAt[i] = System.currentTimeMillis();
		}
		HttpResponse<String> answer = http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v2/alerts"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString()))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("Alertmanager refused the alerts: " + answer.statusCode() + " " + answer.body());
		}
		return null;
	}

	private static String version() throws IOException, InterruptedException {
		Process version = new ProcessBuilder(List.of(BINARY, "--version")).redirectErrorStream(true).start();
		String text = new String(version.getInputStream().readAllBytes()).lines().findFirst().orElse("");
		version.waitFor();
		return text;
	}
}
