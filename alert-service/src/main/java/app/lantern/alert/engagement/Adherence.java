package app.lantern.alert.engagement;

import java.util.ArrayList;
import java.util.List;

/**
 * One client's due times day by day (the client's own calendar days), newest last, no older than the rule looks:
 * how many were due, how many kept, and the minutes after the due time the kept ones came, summed.
 */
public record Adherence(List<Day> days) {

	/** One calendar day of the client's: {@code day} is its epoch day. */
	public record Day(long day, int due, int kept, long lateMinutes) {

		Day plus(boolean keptIt, long late) {
			return new Day(day, due + 1, kept + (keptIt ? 1 : 0), lateMinutes + (keptIt ? late : 0));
		}
	}

	public Adherence {
		days = List.copyOf(days);
	}

	public static Adherence none() {
		return new Adherence(List.of());
	}

	/** With one more due time on {@code day}, kept ({@code late} minutes after it) or not; days older than {@code keep} dropped. */
	public Adherence with(long day, boolean kept, long late, int keep) {
		List<Day> next = new ArrayList<>();
		for (Day held : days) {
			if (held.day() > day - keep && held.day() != day) {
				next.add(held);
			}
		}
		Day today = days.stream().filter(held -> held.day() == day).findFirst().orElse(new Day(day, 0, 0, 0));
		next.add(today.plus(kept, Math.max(0, late)));
		next.sort(java.util.Comparator.comparingLong(Day::day));
		return new Adherence(next);
	}

	/** The share kept and the lateness over the days {@code from} to {@code to}, both included. */
	public Window window(long from, long to) {
		int due = 0;
		int kept = 0;
		long late = 0;
		for (Day held : days) {
			if (held.day() >= from && held.day() <= to) {
				due += held.due();
				kept += held.kept();
				late += held.lateMinutes();
			}
		}
		return new Window(due, kept, late);
	}

	/** Due times in a window, those kept, and the minutes late of those kept, summed. */
	public record Window(int due, int keptCount, long lateMinutes) {

		/** The share of due times kept: the adherence. */
		public double share() {
			return due == 0 ? 0 : (double) keptCount / due;
		}

		/** The mean minutes after the due time of the check-ins that kept it. */
		public double meanLateMinutes() {
			return keptCount == 0 ? 0 : (double) lateMinutes / keptCount;
		}
	}
}
