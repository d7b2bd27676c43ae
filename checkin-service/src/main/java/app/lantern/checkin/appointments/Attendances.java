package app.lantern.checkin.appointments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.events.AttendanceRecorded;
import app.lantern.events.Topics;
import app.lantern.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether the client made it to their appointments, in their own words: an answer — by SMS to the last question
 * asked, or on the page to any asked in the last week — kept once, audited as theirs, and published on the
 * attendance topic in the same transaction; and what they answered over a span, for their page, their care team
 * and the programme's report.
 */
@Service
public class Attendances {

	/** An SMS Y or N answers the last question asked this long ago at most. */
	static final Duration SMS_ANSWERS_WITHIN = Duration.ofHours(24);

	/** The page offers to answer the questions of the last week. */
	static final Duration PAGE_ANSWERS_WITHIN = Duration.ofDays(7);

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Outbox outbox;

	private final Clock clock;

	Attendances(JdbcClient jdbc, AuditTrail audit, Outbox outbox, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.outbox = outbox;
		this.clock = clock;
	}

	/** One occurrence that was asked about, and its answer ({@code ATTENDED}, {@code MISSED}, or null). */
	public record Occurrence(UUID appointmentId, Appointment.Kind kind, String title, Instant startsAt, String answer) {
	}

	/** The client's answers over a span: how many they made, missed, and left unanswered; the newest first. */
	public record Attendance(int attended, int missed, int unanswered, List<Occurrence> occurrences) {

		/** The share of the answered ones they made, in percent; null when none was answered. */
		public Integer attendedPercent() {
			int answered = attended + missed;
			return answered == 0 ? null : Math.round(100f * attended / answered);
		}
	}

	/** The occurrences asked about since {@code since}, with their answers. */
	public Attendance of(UUID clientId, Instant since) {
		List<Occurrence> occurrences = jdbc.sql("""
				select o.appointment_id, a.kind, a.title, o.starts_at, o.answer from appointment_occurrence o
				join appointment a on a.id = o.appointment_id
				where a.client_id = ? and o.asked_at is not null and o.starts_at >= ? order by o.starts_at desc""")
			.params(clientId, Timestamp.from(since))
			.query((rs, n) -> occurrence(rs))
			.list();
		int attended = (int) occurrences.stream().filter(o -> "ATTENDED".equals(o.answer())).count();
		int missed = (int) occurrences.stream().filter(o -> "MISSED".equals(o.answer())).count();
		return new Attendance(attended, missed, occurrences.size() - attended - missed, occurrences);
	}

	/** The questions asked in the last week that the client has not answered, the newest first. */
	public List<Occurrence> unanswered(UUID clientId) {
		return jdbc.sql("""
				select o.appointment_id, a.kind, a.title, o.starts_at, o.answer from appointment_occurrence o
				join appointment a on a.id = o.appointment_id
				where a.client_id = ? and o.asked_at > ? and o.answer is null order by o.starts_at desc""")
			.params(clientId, Timestamp.from(clock.instant().minus(PAGE_ANSWERS_WITHIN)))
			.query((rs, n) -> occurrence(rs))
			.list();
	}

	/**
	 * The client's Y or N by text: the answer to the last question asked in the last day, if one waits; empty when
	 * none does.
	 */
	@Transactional
	public Optional<Occurrence> answerLast(UUID clientId, boolean attended, String via) {
		return jdbc.sql("""
				select o.appointment_id, o.starts_at from appointment_occurrence o
				join appointment a on a.id = o.appointment_id
				where a.client_id = ? and o.asked_at > ? and o.answer is null
				order by o.asked_at desc, o.starts_at desc limit 1 for update of o""")
			.params(clientId, Timestamp.from(clock.instant().minus(SMS_ANSWERS_WITHIN)))
			.query((rs, n) -> new Asked(rs.getObject("appointment_id", UUID.class), rs.getTimestamp("starts_at").toInstant()))
			.optional()
			.flatMap(asked -> record(clientId, asked.appointmentId(), asked.startsAt(), attended, via));
	}

	private record Asked(UUID appointmentId, Instant startsAt) {
	}

	/** An answer on the page to one question asked in the last week; empty when it is not one (or answered). */
	@Transactional
	public Optional<Occurrence> answer(UUID clientId, UUID appointmentId, Instant startsAt, boolean attended,
			String via) {
		return unanswered(clientId).stream()
			.filter(o -> o.appointmentId().equals(appointmentId) && o.startsAt().equals(startsAt))
			.findFirst()
			.flatMap(o -> record(clientId, appointmentId, startsAt, attended, via));
	}

	private Optional<Occurrence> record(UUID clientId, UUID appointmentId, Instant startsAt, boolean attended,
			String via) {
		Instant now = clock.instant();
		String answer = attended ? "ATTENDED" : "MISSED";
		return jdbc.sql("""
				update appointment_occurrence o set answer = ?, answered_at = ?, answered_via = ?
				from appointment a where a.id = o.appointment_id and o.appointment_id = ? and o.starts_at = ?
				  and o.answer is null
				returning o.appointment_id, a.kind, a.title, o.starts_at, o.answer""")
			.params(answer, Timestamp.from(now), via, appointmentId, Timestamp.from(startsAt))
			.query((rs, n) -> occurrence(rs))
			.optional()
			.map(answered -> {
				outbox.append(Topics.ATTENDANCE, AttendanceRecorded.of(clientId.toString(), appointmentId,
						answered.kind().name(), startsAt, attended, now));
				audit.record(clientId, Appointments.CLIENT, "ATTENDANCE_" + answer, answered.kind().name() + " " + appointmentId, now);
				return answered;
			});
	}

	private static Occurrence occurrence(ResultSet rs) throws SQLException {
		return new Occurrence(rs.getObject("appointment_id", UUID.class), Appointment.Kind.valueOf(rs.getString("kind")),
				rs.getString("title"), rs.getTimestamp("starts_at").toInstant(), rs.getString("answer"));
	}
}
