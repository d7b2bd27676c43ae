package app.lantern.checkin.reports;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.checkin.console.KeptDueTimes;
import app.lantern.checkin.registry.ScheduleRows;
import app.lantern.events.ClientProfile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A programme's month, in the programme's own zone, from the read models and the audit trail (never a name): the
 * clients enrolled in it, the share of their due times kept, the alerts raised by type, the time from an alert to
 * its acknowledgement (median and 90th percentile), the outcomes staff judged, the crises and how many of them
 * someone was told of, the discharges, the follow-ups and case notes, and the attendance at appointments (asked
 * after, made, missed, by when they started). Nothing in it names a client.
 */
@Service
public class MonthlyReport {

	private final JdbcClient jdbc;

	private final Clock clock;

	MonthlyReport(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** {@code ackMedianMinutes}, {@code ackP90Minutes}: null when no alert of the month was acknowledged. */
	public record Month(String programme, YearMonth month, int activeClients, int dueTimes, int dueTimesKept,
			Map<String, Integer> alertsByType, int acknowledged, Double ackMedianMinutes, Double ackP90Minutes,
			Map<String, Integer> outcomes, int crises, int crisesSomeoneWasToldOf, int discharges,
			int followUpsMade, int followUpsDone, int followUpsOverdue, int caseNotes, int caseNotesReached,
			int appointmentsAsked, int appointmentsAttended, int appointmentsMissed) {

		/** Of the appointments the clients answered about, the share they made, in percent; null when none. */
		public Double attendedPercent() {
			int answered = appointmentsAttended + appointmentsMissed;
			return answered == 0 ? null : 100.0 * appointmentsAttended / answered;
		}

		/** The share of due times kept, in percent; null when none fell due. */
		public Double keptPercent() {
			return dueTimes == 0 ? null : 100.0 * dueTimesKept / dueTimes;
		}
	}

	public Month of(String programme, ZoneId zone, YearMonth month) {
		Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
		Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
		Instant to = monthEnd.isAfter(clock.instant()) ? clock.instant() : monthEnd;
		Map<String, Object> p = Map.of("programme", programme, "from", Timestamp.from(from), "to", Timestamp.from(to));
		int[] kept = dueTimesKept(programme, from, to);
		Map<String, Object> ack = jdbc.sql("""
				select count(*) as acknowledged,
				  percentile_cont(0.5) within group (order by extract(epoch from a.acknowledged_at - a.raised_at) / 60) as median,
				  percentile_cont(0.9) within group (order by extract(epoch from a.acknowledged_at - a.raised_at) / 60) as p90
				from alert a join client c on c.id = a.client_id
				where c.programme_id = :programme and a.raised_at >= :from and a.raised_at < :to
				  and a.acknowledged_at is not null""")
			.params(p)
			.query()
			.singleRow();
		return new Month(programme, month, count("""
				select count(*) from client c where c.programme_id = :programme and c.enrolled_at < :to
				  and (c.status <> 'DISCHARGED' or exists (select 1 from audit_event e where e.client_id = c.id
				       and e.action = 'STATUS_CHANGED' and e.detail like 'DISCHARGED%' and e.at >= :from))""", p),
				kept[0], kept[1], byKey("""
						select a.type as k, count(*) as n from alert a join client c on c.id = a.client_id
						where c.programme_id = :programme and a.raised_at >= :from and a.raised_at < :to
						group by a.type order by a.type""", p),
				((Number) ack.get("acknowledged")).intValue(), number(ack.get("median")), number(ack.get("p90")), byKey("""
						select a.outcome as k, count(*) as n from alert a join client c on c.id = a.client_id
						where c.programme_id = :programme and a.raised_at >= :from and a.raised_at < :to
						  and a.outcome is not null group by a.outcome order by a.outcome""", p),
				count("""
						select count(*) from alert a join client c on c.id = a.client_id
						where c.programme_id = :programme and a.type = 'CRISIS' and a.raised_at >= :from and a.raised_at < :to""", p),
				count("""
						select count(*) from alert a join client c on c.id = a.client_id
						where c.programme_id = :programme and a.type = 'CRISIS' and a.raised_at >= :from and a.raised_at < :to
						  and exists (select 1 from disclosure d where d.alert_id = a.id and d.status = 'SENT')""", p),
				count("""
						select count(*) from audit_event e join client c on c.id = e.client_id
						where c.programme_id = :programme and e.action = 'STATUS_CHANGED' and e.detail like 'DISCHARGED%'
						  and e.at >= :from and e.at < :to""", p),
				count("""
						select count(*) from follow_up f join client c on c.id = f.client_id
						where c.programme_id = :programme and f.created_at >= :from and f.created_at < :to""", p),
				count("""
						select count(*) from follow_up f join client c on c.id = f.client_id
						where c.programme_id = :programme and f.state = 'DONE' and f.closed_at >= :from and f.closed_at < :to""", p),
				count("""
						select count(*) from follow_up f join client c on c.id = f.client_id
						where c.programme_id = :programme and f.overdue_noted_at >= :from and f.overdue_noted_at < :to""", p),
				count("""
						select count(*) from case_note n join client c on c.id = n.client_id
						where c.programme_id = :programme and n.at >= :from and n.at < :to""", p),
				count("""
						select count(*) from case_note n join client c on c.id = n.client_id
						where c.programme_id = :programme and n.outcome = 'REACHED' and n.at >= :from and n.at < :to""", p),
				attendance(null, p), attendance("ATTENDED", p), attendance("MISSED", p));
	}

	/** The appointments of the month asked about, or those with the answer {@code answer}. */
	private int attendance(String answer, Map<String, Object> params) {
		return count("""
				select count(*) from appointment_occurrence o join appointment a on a.id = o.appointment_id
				join client c on c.id = a.client_id
				where c.programme_id = :programme and o.asked_at is not null and o.starts_at >= :from and o.starts_at < :to"""
				+ (answer == null ? "" : " and o.answer = '" + answer + "'"), params);
	}

	/** Due times of the month (each client's, in their zone, from their schedule's start) and how many were kept. */
	private int[] dueTimesKept(String programme, Instant from, Instant to) {
		record Client(UUID id, ClientProfile.Schedule schedule, ZoneId zone, Instant since) {
		}
		List<Client> clients = jdbc.sql("""
				select c.id, s.due_times, s.grace_minutes, s.plan, c.timezone, greatest(c.enrolled_at, s.effective_from) as since
				from client c join schedule s on s.client_id = c.id
				where c.programme_id = ? and c.status = 'ACTIVE' and c.enrolled_at < ?""")
			.params(programme, Timestamp.from(to))
			.query((rs, n) -> new Client(rs.getObject("id", UUID.class), ScheduleRows.dueTimes(rs),
					ZoneId.of(rs.getString("timezone")), rs.getTimestamp("since").toInstant()))
			.list();
		int[] counts = new int[2];
		for (Client client : clients) {
			Instant start = client.since().isAfter(from) ? client.since() : from;
			List<Instant> checkIns = jdbc.sql("""
					select received_at from check_in where client_id = ? and received_at > ? and received_at <= ?
					order by received_at""")
				.params(client.id(), Timestamp.from(start), Timestamp.from(to))
				.query((rs, n) -> rs.getTimestamp(1).toInstant())
				.list();
			// the kept rule is the caseload's own: a month is shorter than its seven and 28 days together
			KeptDueTimes kept = KeptDueTimes.of(checkIns, client.schedule(), client.zone(), start, to);
			counts[0] += kept.recentDue() + kept.baselineDue();
			counts[1] += kept.recentKept() + kept.baselineKept();
		}
		return counts;
	}

	private int count(String sql, Map<String, Object> params) {
		return jdbc.sql(sql).params(params).query(Integer.class).single();
	}

	private Map<String, Integer> byKey(String sql, Map<String, Object> params) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		jdbc.sql(sql).params(params).query((rs, n) -> counts.put(rs.getString("k"), rs.getInt("n"))).list();
		return counts;
	}

	private static Double number(Object value) {
		return value == null ? null : ((Number) value).doubleValue();
	}
}
