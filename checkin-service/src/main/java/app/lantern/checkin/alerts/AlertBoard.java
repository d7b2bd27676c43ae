package app.lantern.checkin.alerts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import app.lantern.checkin.web.FieldChecks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The programme board: per rule and alert type, how many alerts were raised, acknowledged, resolved, and judged
 * useful (or not) by the staff who resolved them — evidence for tuning a programme's rules file.
 */
@Component
public class AlertBoard {

	private final JdbcClient jdbc;

	private final Clock clock;

	AlertBoard(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @param rule the programme rule's id, or null for Lantern's own (missed check-ins, crises)
	 * @param judged how many were resolved with a judgement; {@code helpful + notNeeded + falseAlarm}
	 */
	public record Line(String rule, String type, int raised, int acknowledged, int resolved, int judged, int helpful,
			int notNeeded, int falseAlarm, Integer usefulPercent) {

		Line(String rule, String type, int raised, int acknowledged, int resolved, int judged, int helpful,
				int notNeeded, int falseAlarm) {
			// the share of judged alerts staff found helpful, 0–100, or null when none was judged
			this(rule, type, raised, acknowledged, resolved, judged, helpful, notNeeded, falseAlarm,
					judged == 0 ? null : Math.round(100f * helpful / judged));
		}
	}

	/** The alerts raised in the last {@code days} days (default 30) for clients of these programmes. */
	public List<Line> lines(String[] programmes, Integer days) {
		FieldChecks checks = new FieldChecks();
		checks.range(days, 1, 366, "days");
		checks.throwIfAny();
		Timestamp since = Timestamp.from(clock.instant().minus(Duration.ofDays(days == null ? 30 : days)));
		return jdbc.sql("""
				select rule, type, count(*) as raised,
				  count(*) filter (where acknowledged_at is not null) as acknowledged,
				  count(*) filter (where state = 'RESOLVED') as resolved,
				  count(outcome) as judged,
				  count(*) filter (where outcome = 'HELPFUL') as helpful,
				  count(*) filter (where outcome = 'NOT_NEEDED') as not_needed,
				  count(*) filter (where outcome = 'FALSE_ALARM') as false_alarm
				from alert
				where raised_at >= :since and client_id in (select id from client where programme_id = any(:programmes))
				group by rule, type order by count(*) desc, type, rule nulls first""")
			.param("since", since)
			.param("programmes", programmes)
			.query((rs, n) -> new Line(rs.getString("rule"), rs.getString("type"), rs.getInt("raised"),
					rs.getInt("acknowledged"), rs.getInt("resolved"), rs.getInt("judged"), rs.getInt("helpful"),
					rs.getInt("not_needed"), rs.getInt("false_alarm")))
			.list();
	}
}
