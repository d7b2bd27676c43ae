package app.lantern.checkin.reports;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import app.lantern.checkin.programmes.Programmes;
import app.lantern.checkin.programmes.StaffAuthority;
import app.lantern.checkin.web.FieldChecks;
import app.lantern.checkin.web.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A programme's month for its director ({@code GET /api/programmes/{id}/reports/{yyyy-MM}}, and {@code ….csv} for the
 * funder): to an ADMIN or the programme's own administrator; anyone else, and a programme they do not run, 404.
 */
@RestController
class ReportController {

	private final MonthlyReport reports;

	private final Programmes programmes;

	private final StaffAuthority authority;

	ReportController(MonthlyReport reports, Programmes programmes, StaffAuthority authority) {
		this.reports = reports;
		this.programmes = programmes;
		this.authority = authority;
	}

	@GetMapping("/api/programmes/{id}/reports/{month:\\d{4}-\\d{2}}")
	MonthlyReport.Month month(@PathVariable String id, @PathVariable String month) {
		return of(id, month);
	}

	@GetMapping(path = "/api/programmes/{id}/reports/{month:\\d{4}-\\d{2}}.csv", produces = "text/csv")
	ResponseEntity<String> csv(@PathVariable String id, @PathVariable String month) {
		MonthlyReport.Month report = of(id, month);
		StringBuilder csv = new StringBuilder("measure,value\r\n");
		row(csv, "active_clients", report.activeClients());
		row(csv, "due_times", report.dueTimes());
		row(csv, "due_times_kept", report.dueTimesKept());
		row(csv, "due_times_kept_percent", report.keptPercent() == null ? "" : String.format(Locale.ROOT, "%.1f", report.keptPercent()));
		report.alertsByType().forEach((type, count) -> row(csv, "alerts_" + type.toLowerCase(Locale.ROOT), count));
		row(csv, "alerts_acknowledged", report.acknowledged());
		row(csv, "minutes_to_acknowledge_median", minutes(report.ackMedianMinutes()));
		row(csv, "minutes_to_acknowledge_p90", minutes(report.ackP90Minutes()));
		report.outcomes().forEach((outcome, count) -> row(csv, "outcome_" + outcome.toLowerCase(Locale.ROOT), count));
		row(csv, "crises", report.crises());
		row(csv, "crises_someone_was_told_of", report.crisesSomeoneWasToldOf());
		row(csv, "discharges", report.discharges());
		row(csv, "follow_ups_made", report.followUpsMade());
		row(csv, "follow_ups_done", report.followUpsDone());
		row(csv, "follow_ups_overdue", report.followUpsOverdue());
		row(csv, "case_notes", report.caseNotes());
		row(csv, "case_notes_reached", report.caseNotesReached());
		row(csv, "appointments_asked", report.appointmentsAsked());
		row(csv, "appointments_attended", report.appointmentsAttended());
		row(csv, "appointments_missed", report.appointmentsMissed());
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id + "-" + month + ".csv\"")
			.body(csv.toString());
	}

	/** The month of a programme the signed-in user runs (404 otherwise; 400 naming {@code month} if it is not one). */
	MonthlyReport.Month of(String id, String month) {
		if (!authority.isAdmin() && !(authority.isProgrammeAdmin() && authority.managedProgrammes().contains(id))) {
			throw new NotFoundException("programme");
		}
		YearMonth yearMonth = null;
		try {
			yearMonth = YearMonth.parse(month);
		}
		catch (DateTimeParseException ex) {
			new FieldChecks().reject("month", "must be a month, as in 2026-12").throwIfAny();
		}
		var programme = programmes.find(id).orElseThrow(() -> new NotFoundException("programme"));
		return reports.of(id, programme.timezone(), yearMonth);
	}

	private static String minutes(Double value) {
		return value == null ? "" : String.format(Locale.ROOT, "%.1f", value);
	}

	private static void row(StringBuilder csv, String measure, Object value) {
		csv.append(measure).append(',').append(value).append("\r\n");
	}
}
