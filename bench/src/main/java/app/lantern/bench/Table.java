package app.lantern.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table {@code ./bench/run all} ends with: each goal of the performance issue, the figure measured (the median
 * of its repeats, with their spread), whether it is met, and the peer's figure beside it. Reads the
 * {@code key value} lines the benchmarks printed as {@code RESULT key value}.
 */
public final class Table {

	/** A goal: the result key, what it measures, the goal, whether higher is better, the peer's figure. */
	private record Goal(String key, String measure, double goal, boolean higherIsBetter, String unit, String peer) {
	}

	private static final List<Goal> GOALS = List.of(
			new Goal("intake_64_per_s", "check-in intake, 64 connections (durable, HTTP Basic)", 10_000, true, "/s",
					"Healthchecks 467/s"),
			new Goal("intake_64_p99", "  its p99", 50, false, "ms", ""),
			new Goal("intake_8_p99", "check-in intake, 8 connections: p99", 20, false, "ms", ""),
			new Goal("e2e_p50_ms", "craving 9 -> sponsor's SMS at 100/s: p50", 50, false, "ms", ""),
			new Goal("e2e_p99_ms", "  its p99", 250, false, "ms", ""),
			new Goal("due_last_sms_s", "10,000 due at once, each with a sponsor: last SMS after the deadline", 2,
					false, "s", "Healthchecks 97 s"),
			new Goal("due_twice", "  sponsors told twice", 0, false, "", ""),
			new Goal("burst_last_alert_s", "100,000 of 1,000,000 due at once: last alert after the deadline", 5, false,
					"s", "Healthchecks ~970 s"),
			new Goal("burst_crisis_max_ms", "  a crisis check-in meanwhile -> its alert: the longest wait", Double.NaN,
					false, "ms", ""),
			new Goal("dispatch_per_s", "notifier dispatch, 100,000 alerts x 3 contacts", 5_000, true, "/s",
					"Alertmanager <= 3,891/s"),
			new Goal("dispatch_twice", "  sent twice", 0, false, "", "Alertmanager: some 2-4 times"),
			new Goal("enrolment_per_s", "enrolling 10,000 clients, 16 threads", 500, true, "/s", ""),
			new Goal("import_s", "10,000 clients from one CSV file (POST /api/clients/import)", 20, false, "s", ""),
			new Goal("stack_ready_s", "local stack from a built tree: ready", 30, false, "s", ""),
			new Goal("stack_memory_mib", "  its memory, all processes", 1536, false, "MiB", ""));

	public static void main(String[] args) throws Exception {
		Map<String, List<Double>> figures = new LinkedHashMap<>();
		for (String line : Files.readAllLines(Path.of(args.length > 0 ? args[0] : "bench/target/results.txt"))) {
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
		System.out.printf("%n%-70s %10s %14s %-9s %-6s %s%n", "measure", "goal", "figure", "spread", "met", "peer");
		for (Goal goal : GOALS) {
			List<Double> values = figures.getOrDefault(goal.key(), List.of());
			if (values.isEmpty()) {
				System.out.printf("%-70s %10s %14s %-9s %-6s %s%n", goal.measure(), bound(goal), "not measured", "", "",
						goal.peer());
				continue;
			}
			List<Double> sorted = values.stream().sorted().toList();
			double median = sorted.get(sorted.size() / 2);
			boolean met = goal.higherIsBetter() ? median >= goal.goal() : median <= goal.goal();
			String verdict = Double.isNaN(goal.goal()) ? "" : met ? "yes" : "NO";
			String spread = sorted.size() == 1 ? "1 run"
					: String.format("%s-%s", format(sorted.get(0)), format(sorted.get(sorted.size() - 1)));
			System.out.printf("%-70s %10s %14s %-9s %-6s %s%n", goal.measure(), bound(goal),
					format(median) + " " + goal.unit(), spread, verdict, goal.peer());
		}
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
