package app.lantern.checkin.oncall;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import app.lantern.events.OnCallRota;
import app.lantern.events.Topics;
import app.lantern.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rota and the staff's on-call addresses in PostgreSQL; every change publishes the whole rota through the
 * outbox in its own transaction — the shifts (those that ended more than a week ago left out) and every staff member
 * who can be reached, with their role, programmes and whether their phone texted STOP, so that a crisis no one on
 * call can take still reaches someone.
 */
@Component
public class OnCallRotaStore {

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final Clock clock;

	private final ZoneId programmeZone;

	private final OnCallRotations rotations;

	OnCallRotaStore(JdbcClient jdbc, Outbox outbox, Clock clock, OnCallProperties properties,
			OnCallRotations rotations) {
		this.rotations = rotations;
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.clock = clock;
		this.programmeZone = properties.timezone();
	}

	ZoneId programmeZone() {
		return programmeZone;
	}

	record StaffAddresses(String username, String role, String phone, String email, List<String> programmes) {

		OnCallRota.StaffMember member() {
			return new OnCallRota.StaffMember(username, phone, email);
		}
	}

	Optional<StaffAddresses> staff(String username) {
		return jdbc.sql(STAFF + " where username = ? and enabled").param(username).query((rs, n) -> addresses(rs))
			.optional();
	}

	List<StaffAddresses> staff() {
		return jdbc.sql(STAFF + " order by username").query((rs, n) -> addresses(rs)).list();
	}

	private static final String STAFF = """
			select username, role, phone, email,
			  array(select programme_id from staff_programme p where p.username = s.username order by 1) as programmes
			from staff_user s""";

	private static StaffAddresses addresses(ResultSet rs) throws SQLException {
		return new StaffAddresses(rs.getString("username"), rs.getString("role"), rs.getString("phone"),
				rs.getString("email"), List.of((String[]) rs.getArray("programmes").getArray()));
	}

	/** How far ahead a rotation's weeks are written into the rota (it is published again every hour). */
	static final Duration ROTATIONS_AHEAD = Duration.ofDays(28);

	/**
	 * The rota's shifts: those entered one by one and those the weekly rotations make, from a week ago to four weeks
	 * ahead, earliest first.
	 */
	List<OnCallRota.Shift> shifts() {
		Instant from = clock.instant().minus(Duration.ofDays(7));
		List<OnCallRota.Shift> shifts = new java.util.ArrayList<>(jdbc.sql("""
				select id, starts_at, ends_at, primary_user, fallback_user, programme_id from on_call_shift
				where ends_at > ? order by starts_at""")
			.param(Timestamp.from(from))
			.query((rs, n) -> new OnCallRota.Shift(rs.getString("id"), rs.getTimestamp("starts_at").toInstant(),
					rs.getTimestamp("ends_at").toInstant(), rs.getString("primary_user"), rs.getString("fallback_user"),
					rs.getString("programme_id")))
			.list());
		shifts.addAll(rotations.shifts(from, clock.instant().plus(ROTATIONS_AHEAD)));
		shifts.sort(java.util.Comparator.comparing(OnCallRota.Shift::startsAt));
		return shifts;
	}

	/** A rotation's weeks roll on: the rota is published again, so that four weeks ahead are always in it. */
	@org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
	@Transactional
	public void rollRotations() {
		if (!rotations.all().isEmpty()) {
			publish();
		}
	}

	@Transactional
	void setAddresses(String username, String phone, String email) {
		jdbc.sql("update staff_user set phone = ?, email = ? where username = ?").params(phone, email, username).update();
		publish();
	}

	@Transactional
	UUID addShift(Instant startsAt, Instant endsAt, String primary, String fallback, String programme, String by) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into on_call_shift (id, starts_at, ends_at, primary_user, fallback_user, programme_id, created_by,
				  created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, Timestamp.from(startsAt), Timestamp.from(endsAt), primary, fallback, programme, by,
					Timestamp.from(clock.instant()))
			.update();
		publish();
		return id;
	}

	@Transactional
	boolean removeShift(UUID id) {
		boolean removed = jdbc.sql("delete from on_call_shift where id = ?").param(id).update() > 0;
		if (removed) {
			publish();
		}
		return removed;
	}

	/**
	 * Publishes the whole rota as it stands, with every staff member who can be reached. Called on every change of a
	 * shift or of staff (their addresses, programmes, a STOP from their phone).
	 */
	@Transactional
	public void publish() {
		List<OnCallRota.Shift> shifts = shifts();
		Map<String, List<OnCallRota.Leave>> leaves = leaves();
		List<OnCallRota.StaffMember> reachable = jdbc.sql("""
				select s.username, s.role, s.phone, s.email,
				  array(select p.programme_id from staff_programme p where p.username = s.username order by 1) as programmes,
				  exists (select 1 from opt_out o where o.phone = s.phone) as stopped
				from staff_user s where s.enabled and (s.phone is not null or s.email is not null) order by s.username""")
			.query((rs, n) -> new OnCallRota.StaffMember(rs.getString("username"), rs.getString("phone"),
					rs.getString("email"), rs.getString("role"), List.of((String[]) rs.getArray("programmes").getArray()),
					rs.getBoolean("stopped"), leaves.getOrDefault(rs.getString("username"), List.of())))
			.list();
		long version = jdbc.sql("select nextval('on_call_rota_version')").query(Long.class).single();
		outbox.append(Topics.ON_CALL, OnCallRota.of(version, programmeZone, shifts, reachable, clock.instant()));
	}

	/**
	 * Each worker's leave not yet over, as instants: from the first day's start to the end of the last, in the zone
	 * of the programme they work in (the rota's, when none) — when their clients' alerts go to the colleague covering.
	 */
	private Map<String, List<OnCallRota.Leave>> leaves() {
		return jdbc.sql("""
				select l.username, l.covered_by,
				  l.starts_on::timestamp at time zone coalesce(z.timezone, :zone) as from_at,
				  (l.ends_on + 1)::timestamp at time zone coalesce(z.timezone, :zone) as until_at
				from staff_leave l
				left join lateral (select p.timezone from staff_programme sp join programme p on p.id = sp.programme_id
				  where sp.username = l.username order by sp.programme_id limit 1) z on true
				where l.ends_on >= cast(:today as date) - 1
				order by l.starts_on""")
			.param("zone", programmeZone.getId())
			.param("today", java.sql.Date.valueOf(java.time.LocalDate.ofInstant(clock.instant(), programmeZone)))
			.query((rs, n) -> Map.entry(rs.getString("username"), new OnCallRota.Leave(
					rs.getTimestamp("from_at").toInstant(), rs.getTimestamp("until_at").toInstant(),
					rs.getString("covered_by"))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
	}

	/** A number texted STOP or START: if a staff member is reached at it, the rota says so (published again). */
	public void phoneOptedInOrOut(String phone) {
		if (jdbc.sql("select exists (select 1 from staff_user where phone = ?)").param(phone).query(Boolean.class).single()) {
			publish();
		}
	}
}
