package app.lantern.checkin.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import app.lantern.checkin.intake.CheckIns;

/**
 * Craving and mood against time as SVG polylines, drawn on the server (no chart library): each check-in where it
 * came in the window, and each due time missed in it as a grey line — a gap in the line is time without a word.
 */
final class Charts {

	/** How far back the client page's chart looks. */
	static final Duration WINDOW = Duration.ofDays(14);

	static final int WIDTH = 600;

	private Charts() {
	}

	/**
	 * {@code cravingPoints}, {@code moodPoints}: each check-in as a dot, so a single one shows too; {@code missed}:
	 * the x of each due time missed.
	 */
	record Lines(String craving, String mood, int width, List<Integer> missed) {

		public List<int[]> cravingPoints() {
			return points(craving);
		}

		public List<int[]> moodPoints() {
			return points(mood);
		}

		private static List<int[]> points(String polyline) {
			return polyline.isEmpty() ? List.of()
					: Arrays.stream(polyline.split(" "))
						.map(point -> Arrays.stream(point.split(",")).mapToInt(Integer::parseInt).toArray())
						.toList();
		}
	}

	/** The check-ins ({@code newestFirst}) and missed due times between {@code from} and {@code to}, left to right. */
	static Lines overTime(List<CheckIns.CheckInView> newestFirst, List<Instant> missed, Instant from, Instant to) {
		StringBuilder craving = new StringBuilder();
		StringBuilder mood = new StringBuilder();
		for (int i = newestFirst.size() - 1; i >= 0; i--) {
			CheckIns.CheckInView checkIn = newestFirst.get(i);
			if (checkIn.receivedAt().isBefore(from)) {
				continue;
			}
			int x = x(checkIn.receivedAt(), from, to);
			if (checkIn.craving() != null) {
				craving.append(x).append(',').append(110 - checkIn.craving() * 10).append(' ');
			}
			if (checkIn.mood() != null) {
				mood.append(x).append(',').append(110 - checkIn.mood() * 20).append(' ');
			}
		}
		return new Lines(craving.toString().strip(), mood.toString().strip(), WIDTH,
				missed.stream().filter(due -> !due.isBefore(from)).map(due -> x(due, from, to)).toList());
	}

	private static int x(Instant at, Instant from, Instant to) {
		long span = Math.max(1, Duration.between(from, to).toSeconds());
		return 10 + (int) (Duration.between(from, at).toSeconds() * (WIDTH - 20) / span);
	}
}
