package app.lantern.checkin.registry;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.lantern.checkin.programmes.Programmes;
import app.lantern.checkin.web.InvalidFieldsException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Clients enrolled from a spreadsheet (CSV with a header row; a column per enrolment field): every row checked as one
 * enrolment is — and against the others and the clients already enrolled — before anything is stored; then stored in
 * batches, each row one client with one profile version, as {@link ClientRegistry#enrol} stores one. With a wrong
 * row, nothing is stored and the answer names each (its row in the file, counting the header as row 1, and the
 * field), unless the right rows alone are asked for. The welcomes go out paced ({@link WelcomePacer}).
 */
@Service
public class ClientImport {

	/** The columns a file may have; {@code displayName}, {@code phone}, {@code timezone}, {@code dueTimes} it must. */
	public static final List<String> COLUMNS = List.of("displayName", "phone", "email", "timezone", "dueTimes",
			"graceMinutes", "reminderMinutesBefore", "cravingThreshold", "copingPlan", "programme", "language");

	static final Set<String> REQUIRED = Set.of("displayName", "phone", "timezone", "dueTimes");

	static final int MOST_ROWS = 20_000;

	/** Rows stored in one transaction. */
	static final int BATCH = 500;

	/** RFC 4180 as spreadsheets write it: a header row, quoted cells, blank lines skipped, cells trimmed. */
	private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
		.setIgnoreEmptyLines(true).setTrim(true).get();

	private final ClientRegistry registry;

	private final EnrolmentRows enrolmentRows;

	private final WelcomePacer welcomes;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ClientImport(ClientRegistry registry, EnrolmentRows rows, WelcomePacer welcomes, JdbcClient jdbc,
			TransactionTemplate transactions, Clock clock) {
		this.registry = registry;
		this.enrolmentRows = rows;
		this.welcomes = welcomes;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** One wrong field of one row: {@code row} as a spreadsheet numbers it (the header is row 1). */
	public record RowError(int row, String field, String message) {
	}

	/**
	 * What an import did: the rows read, those right, each wrong one, how many clients were stored, and when the
	 * first and last of their welcomes go.
	 */
	public record Report(int rows, int valid, List<RowError> errors, int stored, Instant welcomesFrom,
			Instant welcomesUntil, long millis) {
	}

	/** A row checked and ready to store. */
	private record Ready(int row, RegistryChecks.Enrolment enrolment, Programmes.Programme programme) {
	}

	/**
	 * Checks the whole file, then — all right, or {@code validOnly} — stores it. With wrong rows and not
	 * {@code validOnly}, throws the problem naming each as {@code rows[N].field}, and stores nothing.
	 */
	public Report importCsv(String csv, boolean validOnly, String actor) {
		long started = System.nanoTime();
		List<Map<String, String>> rows = read(csv);
		List<RowError> errors = new ArrayList<>();
		List<Ready> ready = check(rows, errors);
		if (!errors.isEmpty() && !validOnly) {
			throw new InvalidFieldsException(errors.stream()
				.map(error -> new InvalidFieldsException.FieldError("rows[" + error.row() + "]." + error.field(),
						error.message()))
				.toList());
		}
		Instant now = clock.instant();
		List<java.util.UUID> stored = new ArrayList<>();
		for (int from = 0; from < ready.size(); from += BATCH) {
			List<Ready> batch = ready.subList(from, Math.min(ready.size(), from + BATCH));
			transactions.executeWithoutResult(status -> enrolmentRows.storeAll(batch.stream()
				.map(row -> new EnrolmentRows.Checked(row.enrolment(), row.programme())).toList(), actor, now)
				.forEach(client -> stored.add(client.id())));
		}
		WelcomePacer.Paced paced = welcomes.queue(stored);
		return new Report(rows.size(), ready.size(), errors, stored.size(), paced.from(), paced.until(),
				Duration.ofNanos(System.nanoTime() - started).toMillis());
	}

	private static List<Map<String, String>> read(String csv) {
		if (csv == null || csv.isBlank()) {
			throw InvalidFieldsException.of("file", "is empty: a header row and a row per client");
		}
		List<Map<String, String>> rows = new ArrayList<>();
		List<String> header;
		try (CSVParser parser = CSVParser.parse(csv.startsWith("\uFEFF") ? csv.substring(1) : csv, CSV)) {
			header = parser.getHeaderNames();
			for (CSVRecord record : parser) {
				if (rows.size() == MOST_ROWS) {
					throw InvalidFieldsException.of("file", "has more than " + MOST_ROWS + " rows: split it");
				}
				rows.add(record.toMap());
			}
		}
		catch (InvalidFieldsException tooMany) {
			throw tooMany;
		}
		catch (IOException | RuntimeException unreadable) {
			throw InvalidFieldsException.of("file", "is not CSV as expected: " + String.valueOf(unreadable.getMessage())
				.lines().findFirst().orElse(""));
		}
		List<InvalidFieldsException.FieldError> wrong = new ArrayList<>();
		header.stream().filter(column -> !COLUMNS.contains(column))
			.forEach(column -> wrong.add(new InvalidFieldsException.FieldError("columns." + column,
					"is not a column we know: use " + String.join(", ", COLUMNS))));
		REQUIRED.stream().filter(column -> !header.contains(column)).sorted()
			.forEach(column -> wrong.add(new InvalidFieldsException.FieldError("columns." + column, "is required")));
		if (!wrong.isEmpty()) {
			throw new InvalidFieldsException(wrong);
		}
		return rows;
	}

	/** Every row checked as an enrolment, and its phone against the other rows' and the enrolled clients'. */
	private List<Ready> check(List<Map<String, String>> rows, List<RowError> errors) {
		Map<String, Programmes.Programme> programmes = new HashMap<>();
		Map<String, Integer> firstRowOfPhone = new HashMap<>();
		Map<Integer, Ready> ready = new LinkedHashMap<>();
		for (int i = 0; i < rows.size(); i++) {
			int row = i + 2;
			Map<String, String> cells = rows.get(i);
			try {
				String programmeAsked = blankless(cells.get("programme"));
				Programmes.Programme programme = programmes.computeIfAbsent(programmeAsked == null ? "" : programmeAsked,
						asked -> registry.programmeFor(asked.isEmpty() ? null : asked));
				RegistryChecks.Enrolment enrolment = registry.checked(enrolment(cells, row, errors), programme);
				Integer other = firstRowOfPhone.putIfAbsent(enrolment.phone(), row);
				if (other != null) {
					errors.add(new RowError(row, "phone", "is the phone of row " + other + " too"));
					continue;
				}
				ready.put(row, new Ready(row, enrolment, programme));
			}
			catch (InvalidFieldsException invalid) {
				invalid.errors().forEach(error -> errors.add(new RowError(row, error.field(), error.message())));
			}
		}
		if (!firstRowOfPhone.isEmpty()) {
			jdbc.sql("select phone from client where phone = any(?)")
				.param(firstRowOfPhone.keySet().toArray(String[]::new))
				.query(String.class)
				.list()
				.forEach(taken -> {
					int row = firstRowOfPhone.get(taken);
					ready.remove(row);
					errors.add(new RowError(row, "phone", "a client with this phone number is already enrolled"));
				});
		}
		errors.sort((a, b) -> Integer.compare(a.row(), b.row()));
		return List.copyOf(ready.values());
	}

	/** The row as the API's enrolment; a number that is not one is a wrong field of its own. */
	private static RegistryRequests.Enrolment enrolment(Map<String, String> cells, int row, List<RowError> errors) {
		List<String> wrongNumbers = new ArrayList<>();
		Integer grace = number(cells, "graceMinutes", 60, wrongNumbers);
		Integer reminder = number(cells, "reminderMinutesBefore", 30, wrongNumbers);
		Integer threshold = number(cells, "cravingThreshold", 8, wrongNumbers);
		if (!wrongNumbers.isEmpty()) {
			throw new InvalidFieldsException(wrongNumbers.stream()
				.map(field -> new InvalidFieldsException.FieldError(field, "must be a whole number")).toList());
		}
		String dueTimes = blankless(cells.get("dueTimes"));
		return new RegistryRequests.Enrolment(blankless(cells.get("displayName")), blankless(cells.get("phone")),
				blankless(cells.get("email")), blankless(cells.get("timezone")),
				new RegistryRequests.ScheduleBody(dueTimes == null ? null : Arrays.asList(dueTimes.split("[\\s;,]+")),
						grace, reminder),
				threshold, items(cells.get("copingPlan")), blankless(cells.get("programme")),
				blankless(cells.get("language")));
	}

	private static Integer number(Map<String, String> cells, String column, int absent, List<String> wrong) {
		String text = blankless(cells.get(column));
		if (text == null) {
			return absent;
		}
		try {
			return Integer.valueOf(text);
		}
		catch (NumberFormatException notOne) {
			wrong.add(column);
			return absent;
		}
	}

	/** "Call Sam | Walk the dog": the items of a list cell. */
	private static List<String> items(String cell) {
		String text = blankless(cell);
		return text == null ? List.of() : Arrays.stream(text.split("\\|")).map(String::strip)
			.filter(item -> !item.isEmpty()).toList();
	}

	private static String blankless(String cell) {
		return cell == null || cell.isBlank() ? null : cell.strip();
	}
}
