package app.lantern.checkin.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import app.lantern.checkin.intake.CheckIns;

/** Craving and mood over time as SVG polylines (oldest left), drawn on the server: no chart library. */
final class Charts {

	private Charts() {
	}

	/** {@code cravingPoints}, {@code moodPoints}: each check-in as a dot, so a single one shows too. */
	record Lines(String craving, String mood, int width) {

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

	static Lines cravingAndMood(List<CheckIns.CheckInView> newestFirst) {
		List<CheckIns.CheckInView> oldestFirst = new ArrayList<>(newestFirst);
		Collections.reverse(oldestFirst);
		StringBuilder craving = new StringBuilder();
		StringBuilder mood = new StringBuilder();
		for (int i = 0; i < oldestFirst.size(); i++) {
			CheckIns.CheckInView checkIn = oldestFirst.get(i);
			int x = 10 + i * 10;
			if (checkIn.craving() != null) {
				craving.append(x).append(',').append(110 - checkIn.craving() * 10).append(' ');
			}
			if (checkIn.mood() != null) {
				mood.append(x).append(',').append(110 - checkIn.mood() * 20).append(' ');
			}
		}
		return new Lines(craving.toString().strip(), mood.toString().strip(), Math.max(120, 20 + oldestFirst.size() * 10));
	}
}
