package app.lantern.checkin.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import app.lantern.checkin.casework.MyClients;
import app.lantern.checkin.registry.ScheduleRows;
import app.lantern.events.ClientProfile;
import app.lantern.events.Severity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who needs a call today: every client with their open alerts and recent cravings, the neediest first. */
@Component
class Caseload {

	private final JdbcClient jdbc;

	private final Clock clock;

	Caseload(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** {@code standing}: where the client stands against their schedule now (see {@link Standing}). */
	record Row(UUID id, String name, String status, String standing, Instant lastCheckIn, int openAlerts,
			String worstSeverity, boolean missed, List<Integer> cravings, String kept, List<String> attention) {

		/** An inline SVG polyline of the last cravings, 0 at the bottom, 10 at the top. */
		public String sparkline() {
			if (cravings.isEmpty()) {
				return "";
			}
			StringBuilder points = new StringBuilder();
			for (int i = 0; i < cravings.size(); i++) {
				points.append(i * 10).append(',').append(20 - cravings.get(i) * 2).append(' ');
			}
			return points.toString().strip();
		}
	}

	/** The display names of the clients with open alerts, for the alert queue. */
	Map<UUID, String> namesWithOpenAlerts(String[] programmes) {
		return jdbc.sql("""
				select id, display_name from client
				where id in (select client_id from alert where state in ('RAISED', 'ESCALATED', 'REPEATED', 'ACKNOWLEDGED'))
				  and programme_id = any(?)""")
			.param(programmes)
			.query((rs, n) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("display_name")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/**
	 * The caseload of these programmes: the whole of it ({@code mine} null), or the clients {@code mine} works with
	 * today ({@link MyClients}).
	 */
	List<Row> rows(String query, String sort, String[] programmes, String mine) {
		Instant now = clock.instant();
		// each client's last ten cravings from the (client_id, received_at desc) index: the cost grows with the
		// caseload, not with the years of check-ins behind it
		Map<UUID, List<Integer>> cravings = jdbc.sql("""
				select c.id as client_id, recent.craving
				from client c
				cross join lateral (
				  select craving, received_at from check_in
				  where client_id = c.id and craving is not null
				  order by received_at desc limit 10) recent
				where c.programme_id = any(?)
				order by c.id, recent.received_at""")
			.param(programmes)
			.query((rs, n) -> Map.entry(rs.getObject("client_id", UUID.class), rs.getInt("craving")))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		// and when each check-in of the last five weeks came, for the share of due times kept (KeptDueTimes)
		Instant since = now.minus(KeptDueTimes.RECENT).minus(KeptDueTimes.BASELINE);
		Map<UUID, List<Instant>> received = jdbc.sql("""
				select k.client_id, k.received_at from check_in k join client c on c.id = k.client_id
				where c.programme_id = any(?) and k.received_at > ?
				order by k.client_id, k.received_at""")
			.params(programmes, Timestamp.from(since))
			.query((rs, n) -> Map.entry(rs.getObject("client_id", UUID.class), rs.getTimestamp("received_at").toInstant()))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		List<Row> rows = new ArrayList<>(jdbc.sql("""
				select c.id, c.display_name, c.status, c.last_check_in_at, c.timezone, s.due_times, s.grace_minutes,
				  s.plan, c.enrolled_at, s.effective_from,
				  count(a.id) as open_alerts,
				  min(%s) as worst,
				  bool_or(a.type = 'MISSED_CHECKIN') as missed,
				  %s
				from client c
				join schedule s on s.client_id = c.id
				left join alert a on a.client_id = c.id and a.state in ('RAISED', 'ESCALATED', 'REPEATED', 'ACKNOWLEDGED')
				where (cast(:q as text) is null or lower(c.display_name) like '%%' || lower(:q) || '%%')
				  and c.programme_id = any(:programmes)
				  and %s
				group by c.id, s.client_id, s.effective_from"""
			.formatted(Severity.urgencySql("a.severity"), MyClients.ATTENTION, MyClients.CONDITION))
			.param("q", query == null || query.isBlank() ? null : query.replace("%", "").replace("_", ""))
			.param("programmes", programmes)
			.param("mine", mine)
			.param("now", Timestamp.from(now))
			.query((rs, n) -> {
				Instant last = rs.getTimestamp("last_check_in_at") == null ? null
						: rs.getTimestamp("last_check_in_at").toInstant();
				ClientProfile.Schedule schedule = ScheduleRows.dueTimes(rs);
				String standing = Standing.of(rs.getString("status"), rs.getBoolean("missed"),
						ZoneId.of(rs.getString("timezone")), schedule, last, now);
				if (standing.matches(".*\\d\\d:\\d\\d.*")) {
					// the due time is the client's: say whose clock it is on
					standing = standing + " " + Words.cityTime(rs.getString("timezone"));
				}
				UUID id = rs.getObject("id", UUID.class);
				Instant enrolled = rs.getTimestamp("enrolled_at").toInstant();
				Instant effective = rs.getTimestamp("effective_from").toInstant();
				String kept = "ACTIVE".equals(rs.getString("status"))
						? KeptDueTimes.of(received.getOrDefault(id, List.of()), schedule, ZoneId.of(rs.getString("timezone")),
								effective.isAfter(enrolled) ? effective : enrolled, now)
							.brief()
						: null;
				return new Row(id, rs.getString("display_name"), rs.getString("status"), standing, last,
						rs.getInt("open_alerts"), severity((Integer) rs.getObject("worst")), rs.getBoolean("missed"),
						cravings.getOrDefault(id, List.of()), kept, attention(rs));
			})
			.list());
		rows.sort(order(sort));
		return rows;
	}

	/** The caseload's flags, in staff's words. */
	private static List<String> attention(ResultSet rs) throws SQLException {
		List<String> flags = new ArrayList<>();
		if (rs.getBoolean("unreached_crisis")) {
			flags.add("not reached since a crisis");
		}
		if (rs.getBoolean("nobody")) {
			flags.add("no one can be told");
		}
		if (rs.getBoolean("contact_failing")) {
			flags.add("a contact's messages fail");
		}
		if (rs.getBoolean("consent_ending")) {
			flags.add("a consent ends within 14 days");
		}
		return flags;
	}

	private static Comparator<Row> order(String sort) {
		Comparator<Row> byName = Comparator.comparing(Row::name, String.CASE_INSENSITIVE_ORDER);
		if ("name".equals(sort)) {
			return byName;
		}
		if ("last".equals(sort)) {
			return Comparator.comparing(Row::lastCheckIn, Comparator.nullsFirst(Comparator.naturalOrder()))
				.thenComparing(byName);
		}
		// attention first: open alerts by their worst severity, then missed, then the longest silence
		return Comparator.comparing((Row row) -> rank(row.worstSeverity()))
			.thenComparing(Row::openAlerts, Comparator.reverseOrder())
			.thenComparing(Row::lastCheckIn, Comparator.nullsFirst(Comparator.naturalOrder()))
			.thenComparing(byName);
	}

	private static int rank(String severity) {
		return severity == null ? Integer.MAX_VALUE : Severity.valueOf(severity).urgency();
	}

	private static String severity(Integer urgency) {
		return urgency == null ? null : Severity.ofUrgency(urgency).name();
	}
}
