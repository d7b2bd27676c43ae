package app.lantern.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Enrols clients from one CSV file through {@code POST /api/clients/import}, as a programme moving from a
 * spreadsheet would: the file made here (10,000 rows by default, numbers of their own), sent once, timed from the
 * request to the answer — every row checked, then all stored with one profile version each. Prints {@code RESULT
 * import_s}. Arguments: rows.
 */
public final class BulkImport {

	public static void main(String[] args) throws Exception {
		int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		StringBuilder csv = new StringBuilder("displayName,phone,timezone,dueTimes,cravingThreshold\n");
		for (int i = 0; i < rows; i++) {
			csv.append("Imported ").append(i).append(',').append(String.format("+1720555%04d", i % 10_000))
				.append(",America/Denver,09:00,8\n");
		}
		Staff staff = new Staff();
		HttpRequest request = HttpRequest.newBuilder(URI.create(staff.baseUrl + "/api/clients/import"))
			.header("Authorization", staff.authorization)
			.header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
			.build();
		long started = System.nanoTime();
		HttpResponse<String> answer = staff.http.send(request, HttpResponse.BodyHandlers.ofString());
		double seconds = (System.nanoTime() - started) / 1e9;
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("the import answered " + answer.statusCode() + ": " + answer.body());
		}
		System.out.printf("imported %,d clients from one CSV file in %.1f s (%.0f/s)%n", rows, seconds, rows / seconds);
		System.out.printf("RESULT import_s %.1f%n", seconds);
	}
}
