package app.lantern.alert.engagement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One client's due times day by day (the client's own calendar days), newest last, no older than the rule looks:
 * how many were due, how many kept, and how many minutes after the due time the kept ones came; how many of their
 * appointments they answered about and how many of those they made; and the evidence the rule has gathered so far
 * that the client is drifting from their usual (see {@link DisengagementRule}).
 *
 * @param evidence the rule's running score, never below 0; absent (0) in adherence kept before it was
 */
public record Adherence(List<Day> days, Double evidence) {

	/**
	 * One calendar day of the client's: {@code day} is its epoch day; {@code lateMinutes} and {@code lateSquares}
	 * sum the minutes late of the kept due times and their squares (for how much the client's lateness varies;
	 * absent, 0, in days kept before it was counted); {@code asked} the appointments that day the client answered
	 * about, {@code attended} those they made (absent, 0, in days kept before appointments were).
	 */
	public record Day(long day, int due, int kept, long lateMinutes, Long lateSquares, Integer asked, Integer attended) {

		public Day {
			lateSquares = lateSquares == null ? 0 : lateSquares;
			asked = asked == null ? 0 : asked;
			attended = attended == null ? 0 : attended;
		}

		Day plus(boolean keptIt, long late) {
			return new Day(day, due + 1, kept + (keptIt ? 1 : 0), lateMinutes + (keptIt ? late : 0),
					lateSquares + (keptIt ? late * late : 0), asked, attended);
		}

		Day plusAppointment(boolean made) {
			return new Day(day, due, kept, lateMinutes, lateSquares, asked + 1, attended + (made ? 1 : 0));
		}
	}

	public Adherence {
		days = List.copyOf(days);
		evidence = evidence == null ? 0 : evidence;
	}

	public static Adherence none() {
		return new Adherence(List.of(), 0.0);
	}

	/** With one more due time on {@code day}, kept ({@code late} minutes after it) or not; days older than {@code keep} dropped. */
	public Adherence with(long day, boolean kept, long late, int keep) {
		return withDay(day, keep, today -> today.plus(kept, Math.max(0, late)));
	}

	/** With one more appointment answered about on {@code day}, made or not; days older than {@code keep} dropped. */
	public Adherence withAppointment(long day, boolean attended, int keep) {
		return withDay(day, keep, today -> today.plusAppointment(attended));
	}

	private Adherence withDay(long day, int keep, UnaryOperator<Day> change) {
		List<Day> next = new ArrayList<>();
		for (Day held : days) {
			if (held.day() > day - keep && held.day() != day) {
				next.add(held);
			}
		}
		Day today = days.stream().filter(held -> held.day() == day).findFirst()
			.orElse(new Day(day, 0, 0, 0, 0L, 0, 0));
		next.add(change.apply(today));
		next.sort(Comparator.comparingLong(Day::day));
		return new Adherence(next, evidence);
	}

	public Adherence withEvidence(double score) {
		return new Adherence(days, score);
	}

	/** The share kept and the lateness over the days {@code from} to {@code to}, both included. */
	public Window window(long from, long to) {
		int due = 0;
		int kept = 0;
		long late = 0;
		long squares = 0;
		int asked = 0;
		int attended = 0;
		for (Day held : days) {
			if (held.day() >= from && held.day() <= to) {
				due += held.due();
				kept += held.kept();
				late += held.lateMinutes();
				squares += held.lateSquares();
				asked += held.asked();
				attended += held.attended();
			}
		}
		return new Window(due, kept, late, squares, asked, attended);
	}

	/**
	 * Due times in a window, those kept, and the minutes late of those kept and their squares, summed; and the
	 * appointments answered about, and those made.
	 */
	public record Window(int due, int keptCount, long lateMinutes, long lateSquares, int asked, int attended) {

		/** The share of the appointments answered about that were made. */
		public double attendedShare() {
			return asked == 0 ? 0 : (double) attended / asked;
		}

		/** The share of due times kept: the adherence. */
		public double share() {
			return due == 0 ? 0 : (double) keptCount / due;
		}

		/** The mean minutes after the due time of the check-ins that kept it. */
		public double meanLateMinutes() {
			return keptCount == 0 ? 0 : (double) lateMinutes / keptCount;
		}

		/** How much those minutes vary: their standard deviation. */
		public double lateSpread() {
			if (keptCount == 0) {
				return 0;
			}
			double mean = meanLateMinutes();
			return Math.sqrt(Math.max(0, (double) lateSquares / keptCount - mean * mean));
		}
	}
}
