package app.lantern.checkin.appointments;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.web.FieldChecks;
import app.lantern.checkin.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A client's appointments: added by the client on their private page or by staff with them (audited either way,
 * never with the title), ended rather than deleted, erased with the client. Their answers: {@link Attendances}.
 */
@Service
public class Appointments {

	/** Who added an appointment on their private page: the client themselves. */
	public static final String CLIENT = "client";

	/** The most appointments a client keeps at once. */
	static final int MOST = 20;

	static final int LONGEST_TITLE = 80;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	Appointments(JdbcClient jdbc, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
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

	static List<String> dayNames(Set<DayOfWeek> days) {
		List<String> names = new ArrayList<>();
		days.stream().sorted().forEach(day -> names.add(day.name()));
		return names;
	}
}
