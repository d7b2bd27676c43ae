package app.lantern.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Every enrolled client (from {@link Enrolment}'s file) due at one instant on the running stack, each with one
 * sponsor: their schedules are moved through the staff API to one due time a few minutes ahead with one minute's
 * grace, then nobody checks in. Measures, at the Twilio double ({@link TwilioServer}), when each sponsor's SMS came
 * after the deadline — none before it, none twice — and how far behind every consumer group was at the deadline.
 * Prints {@code RESULT due_last_sms_s}, {@code due_p50_sms_s}, {@code due_told}, {@code due_early},
 * {@code due_twice}, {@code due_lag_at_deadline}; and where the seconds went ({@link BurstStages}): the alerts on their
 * topic, the SMS at the double, the outcomes on theirs.
 */
public final class DueAtOnce {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	public static void main(String[] args) throws Exception {
		Path file = Path.of(args.length > 0 ? args[0] : "bench/target/clients.csv");
		String twilio = args.length > 1 ? args[1] : "http://localhost:18089";
		String bootstrap = args.length > 2 ? args[2] : "localhost:9092";
		List<String[]> clients = Files.readAllLines(file).stream().map(line -> line.split(",")).toList();
		Set<String> sponsors = clients.stream().map(client -> client[1]).collect(Collectors.toSet());
		Staff staff = new Staff();

		// the due time: far enough ahead for every schedule to change first (about 150 a second)
		Instant started = Instant.now();
		Instant due = started.plus(Duration.ofSeconds(60 + clients.size() / 100)).truncatedTo(ChronoUnit.MINUTES)
			.plus(Duration.ofMinutes(1));
		Instant deadline = due.plus(Duration.ofMinutes(1));
		String dueTime = ZonedDateTime.ofInstant(due, NEW_YORK).format(DateTimeFormatter.ofPattern("HH:mm"));
		ExecutorService pool = Executors.newFixedThreadPool(16);
		List<Future<Integer>> changes = new ArrayList<>();
		for (String[] client : clients) {
			changes.add(pool.submit(() -> staff.send("PUT", "/api/clients/" + client[0] + "/schedule",
					Map.of("dueTimes", List.of(dueTime), "graceMinutes", 1, "reminderMinutesBefore", 0)).statusCode()));
		}
		for (Future<Integer> change : changes) {
			if (change.get() != 200) {
				throw new IllegalStateException("a schedule change answered " + change.get());
			}
		}
		pool.shutdown();
		System.out.printf("%,d schedules moved to %s New York time (due %s, deadline %s) in %.1f s%n", clients.size(),
				dueTime, due, deadline, Duration.between(started, Instant.now()).toMillis() / 1000.0);
		if (!Instant.now().isBefore(due.minusSeconds(10))) {
			throw new IllegalStateException("the schedule changes took until the due time; run again");
		}

		TimeUnit.MILLISECONDS.sleep(Math.max(0, Duration.between(Instant.now(), deadline).toMillis() - 5_000));
		BurstStages stages = new BurstStages(bootstrap);
		TimeUnit.MILLISECONDS.sleep(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()));
		Map<String, Long> lag = Bench.lag(bootstrap);
		long behind = lag.values().stream().mapToLong(Long::longValue).sum();
		System.out.printf("at the deadline, records not yet read per consumer group: %s%n", lag);

		Map<String, long[]> told = new HashMap<>();
		long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (System.nanoTime() < giveUp) {
			told.clear();
			String body = staff.http.send(HttpRequest.newBuilder(URI.create(twilio + "/arrivals?since="
					+ started.toEpochMilli())).build(), HttpResponse.BodyHandlers.ofString()).body();
			body.lines().map(line -> line.split(",")).filter(line -> sponsors.contains(line[0]))
				.forEach(line -> told.put(line[0], new long[] { Long.parseLong(line[1]), Long.parseLong(line[2]) }));
			if (told.size() >= sponsors.size()) {
				break;
			}
			TimeUnit.MILLISECONDS.sleep(250);
		}
		// the outcomes of the last sends are recorded after them: a moment for the stages to see them
		long outcomes = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (stages.sentRecorded.size() < told.size() && System.nanoTime() < outcomes) {
			TimeUnit.MILLISECONDS.sleep(100);
		}
		stages.close();
		long early = told.values().stream().filter(at -> at[0] < deadline.toEpochMilli()).count();
		long twice = told.values().stream().filter(at -> at[1] > 1).count();
		Latencies afterDeadline = new Latencies(told.values().stream()
			.mapToDouble(at -> at[0] - deadline.toEpochMilli()).toArray());
		double last = afterDeadline.percentile(100) / 1000;
		System.out.printf("%,d due at once -> sponsor's SMS after the deadline: %s; %,d of %,d told, %d early, "
				+ "%d twice%n", clients.size(), afterDeadline.summary(), told.size(), sponsors.size(), early, twice);
		System.out.printf("stage 2, the sponsor's SMS at the double after the deadline: %s%n", afterDeadline.summary());
		stages.report(deadline);
		System.out.printf("RESULT due_last_sms_s %.1f%nRESULT due_p50_sms_s %.1f%nRESULT due_told %d/%d%n"
				+ "RESULT due_early %d%nRESULT due_twice %d%nRESULT due_lag_at_deadline %d%n", last,
				afterDeadline.percentile(50) / 1000, told.size(), sponsors.size(), early, twice, behind);
	}
}
