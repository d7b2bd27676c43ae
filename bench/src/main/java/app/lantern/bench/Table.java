package app.lantern.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The table {@code ./bench/run all} ends with: each goal of the performance issue, the figure measured (the median
 * of its repeats, with their spread), whether it is met, and beside it the limit or the peer measured in the same run
 * on the same machine, with the ratio of the two. Reads the {@code key value} lines the benchmarks printed as
 * {@code RESULT key value}.
 */
public final class Table {

	/**
	 * A goal: the result key, what it measures, the goal, whether higher is better, the unit; the limit or the peer
	 * measured in the same run (the result keys: the lowest of them counts, as the slower of two limits bounds a
	 * path through both), what it is, and a figure of a peer quoted from elsewhere.
	 */
	private record Goal(String key, String measure, double goal, boolean higherIsBetter, String unit,
			List<String> against, String againstName, String quoted) {

		Goal(String key, String measure, double goal, boolean higherIsBetter, String unit, String quoted) {
			this(key, measure, goal, higherIsBetter, unit, List.of(), "", quoted);
		}
	}

	private static final List<Goal> GOALS = List.of(
			new Goal("intake_64_per_s", "check-in intake, 64 connections (durable, HTTP Basic)", 5_000, true, "/s",
					List.of("pg_insert_64_per_s", "kafka_produce_per_s"), "limit: PostgreSQL's rows, Kafka's producer",
					"Healthchecks 467/s"),
			new Goal("intake_64_p99", "  its p99", 50, false, "ms", ""),
			new Goal("intake_8_per_s", "check-in intake, 8 connections", Double.NaN, true, "/s",
					List.of("pg_insert_8_per_s", "kafka_produce_per_s"), "limit: PostgreSQL's rows, Kafka's producer", ""),
			new Goal("intake_8_p99", "  its p99", 20, false, "ms", ""),
			new Goal("e2e_p50_ms", "craving 9 -> sponsor's SMS at 100/s: p50", 50, false, "ms", ""),
			new Goal("e2e_p99_ms", "  its p99", 250, false, "ms", ""),
			new Goal("due_last_sms_s", "10,000 due at once, each with a sponsor: last SMS after the deadline", 3,
					false, "s", "Healthchecks 97 s"),
			new Goal("due_twice", "  sponsors told twice", 0, false, "", ""),
			new Goal("burst_last_alert_s", "100,000 of 1,000,000 due at once: last alert after the deadline", 5, false,
					"s", "Healthchecks ~970 s"),
			new Goal("burst_scan_us", "  scanning per due client", Double.NaN, false, "us", List.of("rocksdb_due_us"),
					"limit: a bare RocksDB, the same bytes", ""),
			new Goal("burst_crisis_max_ms", "  a crisis check-in meanwhile -> its alert: the longest wait", Double.NaN,
					false, "ms", ""),
			new Goal("dispatch_per_s", "notifier dispatch, 100,000 alerts x 3 contacts", 6_000, true, "/s",
					List.of("alertmanager_per_s"), "peer: Alertmanager, the same alerts", ""),
			new Goal("dispatch_twice", "  sent twice", 0, false, "", List.of("alertmanager_twice"),
					"peer: Alertmanager", ""),
			new Goal("dispatch_cpu_us", "  the notifier's CPU per delivery", Double.NaN, false, "us", ""),
			new Goal("dispatch_per_s_java17", "  the same with the notifier on Java 17 (before)", Double.NaN, true, "/s",
					List.of("alertmanager_per_s"), "peer: Alertmanager, the same alerts", ""),
			new Goal("enrolment_per_s", "enrolling 10,000 clients, 16 threads", 500, true, "/s", ""),
			new Goal("audited_changes_after_commit_per_s", "  audited changes in PostgreSQL alone, 16 connections",
					Double.NaN, true, "/s", List.of("audited_changes_under_lock_per_s"),
					"before: the audit chain under one lock", ""),
			new Goal("import_s", "10,000 clients from one CSV file (POST /api/clients/import)", 20, false, "s", ""),
			new Goal("stack_ready_s", "local stack from a built tree: ready (the launcher's Java, its archive)", 20,
					false, "s", List.of("stack_ready_s_java17_plain"), "before: Java 17, no archive", ""),
			new Goal("stack_memory_mib", "  its memory, all processes (RSS summed)", 1536, false, "MiB",
					List.of("stack_memory_mib_java17_plain"), "before: Java 17, no archive", ""),
			new Goal("stack_ready_s_training", "  the first start after a build (its training run)", Double.NaN, false,
					"s", List.of("stack_ready_s_java17_plain"), "before: Java 17, no archive", ""),
			new Goal("stack_ready_s_java17_cds", "the same on Java 17 with class-data sharing: ready", Double.NaN, false,
					"s", List.of("stack_ready_s_java17_plain"), "before: Java 17, no archive", ""),
			new Goal("stack_memory_mib_java17_cds", "  its memory, all processes (RSS summed)", Double.NaN, false, "MiB",
					List.of("stack_memory_mib_java17_plain"), "before: Java 17, no archive", ""));

	private static final String ROW = "%-68s %10s %14s %-13s %-4s %12s %-9s %s%n";

	private static final String RUNS_START = "<!-- ./bench/run all: the last three runs, newest first -->";

	private static final String RUNS_END = "<!-- ./bench/run all: end of the runs -->";

	/** {@code Table RESULTS [--record docs/performance.md]}: prints the table, and keeps it with the two before. */
	public static void main(String[] args) throws Exception {
		StringWriter text = new StringWriter();
		print(args.length > 0 ? args[0] : "bench/target/results.txt", new PrintWriter(text, true));
		String table = text.toString().lines().map(String::stripTrailing).collect(Collectors.joining("\n"));
		System.out.println(table);
		if (args.length > 2 && args[1].equals("--record")) {
			record(Path.of(args[2]), table.strip());
		}
	}

	/** The run goes first between the markers; the fourth run before it goes. */
	private static void record(Path document, String table) throws Exception {
		String doc = Files.readString(document);
		int start = doc.indexOf(RUNS_START);
		int end = doc.indexOf(RUNS_END);
		if (start < 0 || end < start) {
			System.out.println(document + " has no place for the runs (" + RUNS_START + "): not recorded");
			return;
		}
		List<String> runs = new ArrayList<>();
		runs.add("### " + ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).toLocalDateTime()
				.toString().replace('T', ' ') + " UTC, " + Runtime.getRuntime().availableProcessors() + " cores\n\n```\n"
				+ table + "\n```\n");
		String before = doc.substring(start + RUNS_START.length(), end);
		for (String run : before.split("(?m)^(?=### )")) {
			if (run.startsWith("### ") && runs.size() < 3) {
				runs.add(run.strip() + "\n");
			}
		}
		Files.writeString(document, doc.substring(0, start) + RUNS_START + "\n\n" + String.join("\n", runs) + "\n"
				+ doc.substring(end));
		System.out.println("recorded in " + document + " with the runs before it (" + (runs.size() - 1) + ")");
	}

	private static void print(String results, PrintWriter out) throws Exception {
		Map<String, List<Double>> figures = new LinkedHashMap<>();
		for (String line : Files.readAllLines(Path.of(results))) {
			String[] parts = line.trim().split("\\s+");
			if (parts.length == 2) {
				try {
					figures.computeIfAbsent(parts[0], key -> new ArrayList<>()).add(number(parts[1]));
				}
				catch (NumberFormatException notANumber) {
					// "e2e_told 3000/3000" and the like: reported below as they are
				}
			}
		}
		out.printf("%n" + ROW, "measure", "goal", "figure", "spread", "met", "limit/peer", "ratio",
				"what the limit or peer is");
		for (Goal goal : GOALS) {
			Double median = median(figures.get(goal.key()));
			Double against = goal.against().stream()
				.map(key -> median(figures.get(key)))
				.filter(value -> value != null)
				.min(Double::compare)
				.orElse(null);
			String limit = against == null ? (goal.against().isEmpty() ? "" : "not measured")
					: format(against) + " " + goal.unit();
			String ratio = median == null || against == null || against == 0 ? "" : String.format("%.2f", median / against);
			String what = goal.againstName() + (goal.quoted().isEmpty() ? ""
					: (goal.againstName().isEmpty() ? "" : "; ") + "quoted: " + goal.quoted());
			if (median == null) {
				out.printf(ROW, goal.measure(), bound(goal), "not measured", "", "", limit, "", what);
				continue;
			}
			List<Double> sorted = figures.get(goal.key()).stream().sorted().toList();
			boolean met = goal.higherIsBetter() ? median >= goal.goal() : median <= goal.goal();
			String verdict = Double.isNaN(goal.goal()) ? "" : met ? "yes" : "NO";
			String spread = sorted.size() == 1 ? "1 run"
					: String.format("%s-%s", format(sorted.get(0)), format(sorted.get(sorted.size() - 1)));
			out.printf(ROW, goal.measure(), bound(goal), format(median) + " " + goal.unit(), spread, verdict,
					limit, ratio, what);
		}
		out.println("ratio: the figure over the limit or peer measured in the same run (for a rate, the share "
				+ "of it Lantern reaches; for a cost, how many times the bare store's)");
	}

	private static Double median(List<Double> values) {
		if (values == null || values.isEmpty()) {
			return null;
		}
		return values.stream().sorted().toList().get(values.size() / 2);
	}

	/** wrk's latencies come as 12.34ms, 1.2s or 850us. */
	private static double number(String value) {
		if (value.endsWith("ms")) {
			return Double.parseDouble(value.substring(0, value.length() - 2));
		}
		if (value.endsWith("us")) {
			return Double.parseDouble(value.substring(0, value.length() - 2)) / 1000;
		}
		if (value.endsWith("s")) {
			return Double.parseDouble(value.substring(0, value.length() - 1)) * 1000;
		}
		return Double.parseDouble(value);
	}

	private static String bound(Goal goal) {
		if (Double.isNaN(goal.goal())) {
			return "(report)";
		}
		return (goal.higherIsBetter() ? ">= " : "<= ") + format(goal.goal()) + " " + goal.unit();
	}

	private static String format(double value) {
		return value >= 100 ? String.format("%,.0f", value) : String.format("%.1f", value);
	}
}
