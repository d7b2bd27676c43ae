package app.lantern.checkin.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.Locale;

import app.lantern.events.ClientProfile;
import app.lantern.events.DueTimes;

/**
 * How many of a client's due times were kept — a check-in in the due time's window, (previous deadline, deadline] —
 * over the last seven days and the 28 before them: what the rules engine compares to raise DISENGAGING, for staff
 * to see on the client's page with its direction, and how many minutes after the due time the check-in that kept
 * it came on average (the engine weighs that too: coming later and later is part of drifting away). Due times
 * before {@code from} (enrolment, a schedule change) do not count.
 */
public record KeptDueTimes(int recentDue, int recentKept, int baselineDue, int baselineKept, long recentLateMinutes,
		long baselineLateMinutes) {

	static final Duration RECENT = Duration.ofDays(7);

	static final Duration BASELINE = Duration.ofDays(28);

	/** {@code checkIns}: when each check-in came, oldest first; the same due times every day. */
	public static KeptDueTimes of(List<Instant> checkIns, List<LocalTime> dueTimes, int graceMinutes, ZoneId zone,
			Instant from, Instant now) {
		return of(checkIns, new ClientProfile.Schedule(dueTimes, graceMinutes, 0, Instant.EPOCH), zone, from, now);
	}

	/** {@code checkIns}: when each check-in came, oldest first; the schedule's times on each of the client's days. */
	public static KeptDueTimes of(List<Instant> checkIns, ClientProfile.Schedule schedule, ZoneId zone, Instant from,
			Instant now) {
		Instant recentFrom = now.minus(RECENT);
		Instant start = from.isAfter(recentFrom.minus(BASELINE)) ? from : recentFrom.minus(BASELINE);
		int[] counts = new int[4];
		long[] late = new long[2];
		eachDue(checkIns, schedule, zone, start, now, (due, keptAt) -> {
			int recent = due.isBefore(recentFrom) ? 2 : 0;
			counts[recent]++;
			if (keptAt != null) {
				counts[recent + 1]++;
				late[recent / 2] += Math.max(0, Duration.between(due, keptAt).toMinutes());
			}
		});
		return new KeptDueTimes(counts[0], counts[1], counts[2], counts[3], late[0], late[1]);
	}

	/** The due times from {@code from} whose deadline passed by {@code now} with no check-in in their window. */
	public static List<Instant> missed(List<Instant> checkIns, ClientProfile.Schedule schedule, ZoneId zone, Instant from,
			Instant now) {
		List<Instant> missed = new ArrayList<>();
		eachDue(checkIns, schedule, zone, from, now, (due, keptAt) -> {
			if (keptAt == null) {
				missed.add(due);
			}
		});
		return missed;
	}

	/** Each due time after {@code start} whose deadline has passed, with the check-in that kept it (or null). */
	private static void eachDue(List<Instant> checkIns, ClientProfile.Schedule schedule, ZoneId zone, Instant start,
			Instant now, BiConsumer<Instant, Instant> visit) {
		Duration grace = Duration.ofMinutes(schedule.graceMinutes());
		int next = 0;
		Instant opens = start;
		for (Instant due = DueTimes.nextAfter(schedule, zone, start); !due.plus(grace).isAfter(now);
				due = DueTimes.nextAfter(schedule, zone, due)) {
			Instant deadline = due.plus(grace);
			Instant keptAt = null;
			while (next < checkIns.size() && !checkIns.get(next).isAfter(deadline)) {
				if (keptAt == null && checkIns.get(next).isAfter(opens)) {
					keptAt = checkIns.get(next);
				}
				next++;
			}
			visit.accept(due, keptAt);
			opens = deadline;
		}
	}

	/** As the caseload says it: "64 %, down from 89 %", or null when no due time has passed yet. */
	String brief() {
		if (recentDue == 0) {
			return null;
		}
		double recent = (double) recentKept / recentDue;
		String now = String.format(Locale.ROOT, "%.0f %%", 100 * recent);
		if (baselineDue == 0) {
			return now;
		}
		double before = (double) baselineKept / baselineDue;
		String was = String.format(Locale.ROOT, "%.0f %%", 100 * before);
		return before - recent >= 0.10 ? now + ", down from " + was
				: recent - before >= 0.10 ? now + ", up from " + was : now;
	}

	/** As the client page says it, or null when no due time has passed yet. */
	String describe() {
		if (recentDue == 0) {
			return null;
		}
		String recent = String.format(Locale.ROOT, "%d of %d due times in the last 7 days (%.0f %%)", recentKept,
				recentDue, 100.0 * recentKept / recentDue);
		if (baselineDue == 0) {
			return recent + lateness();
		}
		double fall = (double) baselineKept / baselineDue - (double) recentKept / recentDue;
		String direction = fall >= 0.10 ? "fewer than before" : fall <= -0.10 ? "more than before" : "about as before";
		return recent + String.format(Locale.ROOT, "; %d of %d in the 28 days before (%.0f %%): %s", baselineKept,
				baselineDue, 100.0 * baselineKept / baselineDue, direction) + lateness();
	}

	/** "; on average 34 min after the due time, against 10 min before", as far as there were check-ins to say it. */
	private String lateness() {
		if (recentKept == 0) {
			return "";
		}
		String recent = String.format(Locale.ROOT, "; on average %.0f min after the due time",
				(double) recentLateMinutes / recentKept);
		return baselineKept == 0 ? recent
				: recent + String.format(Locale.ROOT, ", against %.0f min before", (double) baselineLateMinutes / baselineKept);
	}
}
