package app.lantern.checkin.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.EventJson;
import app.lantern.events.Severity;
import app.lantern.events.Topics;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps the {@code alert} table as the alert service last described each alert. */
@Component
public class AlertReadModel {

	/** The reason a programme's rule gives its alerts: {@code rule <id>} (see the alert service's rules engine). */
	private static final String RULE_PREFIX = "rule ";

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	AlertReadModel(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * @param rule the programme rule that raised it, or null for Lantern's own rules (a missed check-in, a crisis)
	 * @param outcome what the staff user who resolved it judged it: HELPFUL, NOT_NEEDED or FALSE_ALARM
	 * @param note the note the staff user {@code outcomeBy} left when they last acted on it
	 */
	public record AlertView(UUID id, UUID clientId, String type, String severity, String state, int level,
			String reason, Instant raisedAt, Instant updatedAt, String rule, String outcome, String outcomeBy,
			String note) {
	}

	@KafkaListener(id = "checkin-alerts", topics = Topics.ALERTS, groupId = "checkin-service.alerts")
	void on(String payload) {
		apply(EventJson.read(payload, AlertEvent.class));
	}

	/** Idempotent: an event older than (or the same as) what is stored changes nothing. */
	void apply(AlertEvent event) {
		String rule = event.reason() != null && event.reason().startsWith(RULE_PREFIX)
				? event.reason().substring(RULE_PREFIX.length()) : null;
		Timestamp acknowledged = event.state() == AlertState.ACKNOWLEDGED ? Timestamp.from(event.occurredAt()) : null;
		// the NOTIFY (with the client's programme, so only that programme's consoles fetch again) goes out when
		// the upsert commits, to every instance's live stream (AlertNotifications)
		jdbc.sql("""
				with changed as (
				insert into alert (id, client_id, type, severity, state, level, reason, raised_at, updated_at,
				  last_event_id, rule, acknowledged_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (id) do update set severity = excluded.severity, state = excluded.state,
				  level = excluded.level, reason = excluded.reason, updated_at = excluded.updated_at,
				  last_event_id = excluded.last_event_id,
				  acknowledged_at = coalesce(alert.acknowledged_at, excluded.acknowledged_at)
				where alert.updated_at <= excluded.updated_at and alert.last_event_id <> excluded.last_event_id
				returning client_id)
				select pg_notify('%s', coalesce((select programme_id from client where id = changed.client_id), ''))
				from changed""".formatted(AlertNotifications.CHANNEL))
			.params(event.alertId(), UUID.fromString(event.clientId()), event.type().name(), event.severity().name(),
					event.state().name(), event.level(), event.reason(), Timestamp.from(event.raisedAt()),
					Timestamp.from(event.occurredAt()), event.eventId(), rule, acknowledged)
			.query()
			.listOfRows();
		// what else follows an alert in this service (a follow-up by the programme's policy) hears of it
		events.publishEvent(event);
	}

	/** The alerts of these programmes' clients, the most urgent first. */
	public List<AlertView> find(String state, UUID clientId, String[] programmes) {
		String openOrAny = state == null ? null : state.toUpperCase();
		return jdbc.sql("""
				select * from alert
				where (cast(:state as text) is null
				       or (:state = 'OPEN' and state in ('RAISED', 'ESCALATED', 'REPEATED', 'ACKNOWLEDGED'))
				       or state = :state)
				  and (cast(:client as uuid) is null or client_id = :client)
				  and client_id in (select id from client where programme_id = any(:programmes))
				order by %s, raised_at
				limit 500""".formatted(Severity.urgencySql("severity")))
			.param("state", openOrAny)
			.param("client", clientId)
			.param("programmes", programmes)
			.query((rs, n) -> view(rs))
			.list();
	}

	public Optional<AlertView> find(UUID alertId) {
		return jdbc.sql("select * from alert where id = ?").param(alertId).query((rs, n) -> view(rs)).optional();
	}

	/** Staff judged the alert when resolving it: kept for the programme board, without the client's data. */
	void judged(UUID alertId, String outcome, String staffUser, String note) {
		jdbc.sql("""
				update alert set outcome = coalesce(?, outcome), outcome_by = ?, outcome_note = coalesce(?, outcome_note)
				where id = ?""")
			.params(outcome, staffUser, note, alertId)
			.update();
	}

	private static AlertView view(ResultSet rs) throws SQLException {
		return new AlertView(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
				rs.getString("type"), rs.getString("severity"), rs.getString("state"), rs.getInt("level"),
				rs.getString("reason"), rs.getTimestamp("raised_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant(), rs.getString("rule"), rs.getString("outcome"),
				rs.getString("outcome_by"), rs.getString("outcome_note"));
	}
}
