package app.lantern.checkin.appointments;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.web.FieldChecks;
import app.lantern.checkin.web.NotFoundException;
import app.lantern.events.AttendanceRecorded;
import app.lantern.events.Topics;
import app.lantern.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A client's appointments and their answers: added by the client on their private page or by staff with them
 * (audited either way, never with the title), ended rather than deleted, erased with the client. An answer — by
 * SMS to the last question asked, or on the page to any asked in the last week — is kept once and published on the
 * attendance topic in the same transaction.
 */
@Service
public class Appointments {

	/** Who added an appointment or answered for it on their private page: the client themselves. */
	public static final String CLIENT = "client";

	/** The most appointments a client keeps at once. */
	static final int MOST = 20;

	static final int LONGEST_TITLE = 80;

	/** An SMS Y or N answers the last question asked this long ago at most. */
	static final Duration SMS_ANSWERS_WITHIN = Duration.ofHours(24);

	/** The page offers to answer the questions of the last week. */
	static final Duration PAGE_ANSWERS_WITHIN = Duration.ofDays(7);

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Outbox outbox;

	private final Clock clock;

	Appointments(JdbcClient jdbc, AuditTrail audit, Outbox outbox, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * What is asked to add an appointment: {@code days} weekday names ({@code TUESDAY} or {@code TUE}), or one
	 * {@code date} (ISO); {@code time} {@code HH:mm}; {@code minutes} long (default 60); the reminder
	 * {@code remindMinutes} before (default 60, 0 for none); {@code askAfter} (default true).
	 */
	public record NewAppointment(String kind, String title, List<String> days, String date, String time,
			Integer minutes, Integer remindMinutes, Boolean askAfter) {
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

	@Transactional
	public Appointment add(UUID clientId, NewAppointment asked, String actor) {
		ZoneId zone = zoneLocked(clientId);
		FieldChecks checks = new FieldChecks();
		if (asked == null) {
			checks.reject("body", "is required").throwIfAny();
		}
		Appointment.Kind kind = checks.require(asked.kind(), "kind") ? checks.parse(asked.kind(),
				text -> Appointment.Kind.valueOf(text.strip().toUpperCase(Locale.ROOT)), "kind",
				"must be one of THERAPY, MEETING, MEDICATION, CLINIC, OTHER") : null;
		String title = asked.title() == null ? null : asked.title().strip();
		if (checks.require(title, "title")) {
			checks.maxLength(title, LONGEST_TITLE, "title");
		}
		Set<DayOfWeek> days = days(asked.days(), checks);
		LocalDate date = checks.parse(asked.date(), text -> LocalDate.parse(text.strip()), "date",
				"must be a date written YYYY-MM-DD");
		if (days.isEmpty() == (asked.date() == null || asked.date().isBlank())) {
			checks.reject("days", "give either the weekdays it repeats on or one date");
		}
		else if (date != null && date.isBefore(LocalDate.now(clock.withZone(zone)))) {
			checks.reject("date", "must be today or later");
		}
		LocalTime at = checks.require(asked.time(), "time")
				? checks.time(asked.time().strip(), "time", "must be a time written HH:mm") : null;
		int minutes = asked.minutes() == null ? 60 : asked.minutes();
		int remind = asked.remindMinutes() == null ? 60 : asked.remindMinutes();
		checks.range(minutes, 0, 720, "minutes");
		checks.range(remind, 0, 1440, "remindMinutes");
		if (of(clientId).size() >= MOST) {
			checks.reject("days", "a client keeps at most " + MOST + " appointments: end one first");
		}
		checks.throwIfAny();
		Appointment appointment = new Appointment(UUID.randomUUID(), clientId, kind, title, days, date, at, minutes,
				remind, asked.askAfter() == null || asked.askAfter(), actor, clock.instant());
		jdbc.sql("""
				insert into appointment (id, client_id, kind, title, days, on_date, at_time, minutes, remind_minutes,
				  ask_after, added_by, added_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(appointment.id(), clientId, kind.name(), title,
					days.stream().map(DayOfWeek::getValue).sorted().toArray(Integer[]::new), date, at, minutes, remind,
					appointment.askAfter(), actor, Timestamp.from(appointment.addedAt()))
			.update();
		audit.record(clientId, actor, CLIENT.equals(actor) ? "APPOINTMENT_ADDED_BY_CLIENT" : "APPOINTMENT_ADDED",
				kind.name() + " " + appointment.id(), appointment.addedAt());
		return appointment;
	}

	/** Ends an appointment: no more reminders or questions; its answers stay. */
	@Transactional
	public void end(UUID clientId, UUID appointmentId, String actor) {
		int ended = jdbc.sql("update appointment set ended_at = ? where id = ? and client_id = ? and ended_at is null")
			.params(Timestamp.from(clock.instant()), appointmentId, clientId)
			.update();
		if (ended == 0) {
			throw new NotFoundException("appointment");
		}
		audit.record(clientId, actor, CLIENT.equals(actor) ? "APPOINTMENT_ENDED_BY_CLIENT" : "APPOINTMENT_ENDED",
				"appointment " + appointmentId, clock.instant());
	}

	/** The client's appointments not ended, in the order added. */
	public List<Appointment> of(UUID clientId) {
		return jdbc.sql("select * from appointment where client_id = ? and ended_at is null order by added_at, id")
			.param(clientId)
			.query((rs, n) -> appointment(rs))
			.list();
	}

	/** Every appointment not ended of every active client, with the client's zone: what the clock looks at. */
	List<Scheduled> scheduled() {
		return jdbc.sql("""
				select a.*, c.timezone from appointment a join client c on c.id = a.client_id
				where a.ended_at is null and c.status = 'ACTIVE'""")
			.query((rs, n) -> new Scheduled(appointment(rs), ZoneId.of(rs.getString("timezone"))))
			.list();
	}

	record Scheduled(Appointment appointment, ZoneId zone) {
	}

	/** The occurrences asked about since {@code since}, with their answers. */
	public Attendance attendance(UUID clientId, Instant since) {
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
				audit.record(clientId, CLIENT, "ATTENDANCE_" + answer, answered.kind().name() + " " + appointmentId, now);
				return answered;
			});
	}

	private ZoneId zoneLocked(UUID clientId) {
		return jdbc.sql("select timezone from client where id = ? for update")
			.param(clientId)
			.query(String.class)
			.optional()
			.map(ZoneId::of)
			.orElseThrow(() -> new NotFoundException("client"));
	}

	private static Set<DayOfWeek> days(List<String> names, FieldChecks checks) {
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		if (names == null) {
			return days;
		}
		for (int i = 0; i < names.size(); i++) {
			DayOfWeek day = dayOf(names.get(i));
			if (day == null) {
				checks.reject("days[" + i + "]", "must be a weekday such as TUESDAY or TUE");
			}
			else {
				days.add(day);
			}
		}
		return days;
	}

	static DayOfWeek dayOf(String name) {
		String text = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
		for (DayOfWeek day : DayOfWeek.values()) {
			if (text.length() >= 3 && day.name().startsWith(text)) {
				return day;
			}
		}
		return null;
	}

	private static Appointment appointment(ResultSet rs) throws SQLException {
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		Array array = rs.getArray("days");
		for (Object day : (Object[]) array.getArray()) {
			days.add(DayOfWeek.of(((Number) day).intValue()));
		}
		return new Appointment(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
				Appointment.Kind.valueOf(rs.getString("kind")), rs.getString("title"), days,
				rs.getObject("on_date", LocalDate.class), rs.getObject("at_time", LocalTime.class), rs.getInt("minutes"),
				rs.getInt("remind_minutes"), rs.getBoolean("ask_after"), rs.getString("added_by"),
				rs.getTimestamp("added_at").toInstant());
	}

	private static Occurrence occurrence(ResultSet rs) throws SQLException {
		return new Occurrence(rs.getObject("appointment_id", UUID.class), Appointment.Kind.valueOf(rs.getString("kind")),
				rs.getString("title"), rs.getTimestamp("starts_at").toInstant(), rs.getString("answer"));
	}

	static List<String> dayNames(Set<DayOfWeek> days) {
		List<String> names = new ArrayList<>();
		days.stream().sorted().forEach(day -> names.add(day.name()));
		return names;
	}
}
