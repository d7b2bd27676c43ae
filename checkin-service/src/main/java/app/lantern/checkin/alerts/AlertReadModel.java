package app.lantern.checkin.alerts;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import app.lantern.events.AlertEvent;
import app.lantern.events.Severity;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps the {@code alert} table as the alert service last described each alert. */
@Component
public class AlertReadModel {

	private final JdbcClient jdbc;

	AlertReadModel(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record AlertView(UUID id, UUID clientId, String type, String severity, String state, int level,
			String reason, java.time.Instant raisedAt, java.time.Instant updatedAt) {
	}

	@KafkaListener(id = "checkin-alerts", topics = Topics.ALERTS, groupId = "checkin-service.alerts")
	void on(String payload) {
		apply(EventJson.read(payload, AlertEvent.class));
	}

	/** Idempotent: an event older than (or the same as) what is stored changes nothing. */
	void apply(AlertEvent event) {
		// the NOTIFY goes out when the upsert commits, to every instance's live stream (AlertNotifications)
		jdbc.sql("""
				with changed as (
				insert into alert (id, client_id, type, severity, state, level, reason, raised_at, updated_at,
				  last_event_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (id) do update set severity = excluded.severity, state = excluded.state,
				  level = excluded.level, reason = excluded.reason, updated_at = excluded.updated_at,
				  last_event_id = excluded.last_event_id
				where alert.updated_at <= excluded.updated_at and alert.last_event_id <> excluded.last_event_id
				returning client_id)
				select pg_notify('%s', client_id::text) from changed""".formatted(AlertNotifications.CHANNEL))
			.params(event.alertId(), UUID.fromString(event.clientId()), event.type().name(), event.severity().name(),
					event.state().name(), event.level(), event.reason(), Timestamp.from(event.raisedAt()),
					Timestamp.from(event.occurredAt()), event.eventId())
			.query()
			.listOfRows();
	}

	public List<AlertView> find(String state, UUID clientId) {
		String openOrAny = state == null ? null : state.toUpperCase();
		return jdbc.sql("""
				select * from alert
				where (cast(:state as text) is null
				       or (:state = 'OPEN' and state in ('RAISED', 'ESCALATED', 'ACKNOWLEDGED'))
				       or state = :state)
				  and (cast(:client as uuid) is null or client_id = :client)
				order by %s, raised_at
				limit 500""".formatted(Severity.urgencySql("severity")))
			.param("state", openOrAny)
			.param("client", clientId)
			.query((rs, n) -> new AlertView(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
					rs.getString("type"), rs.getString("severity"), rs.getString("state"), rs.getInt("level"),
					rs.getString("reason"), rs.getTimestamp("raised_at").toInstant(),
					rs.getTimestamp("updated_at").toInstant()))
			.list();
	}

	public java.util.Optional<AlertView> find(UUID alertId) {
		return jdbc.sql("select * from alert where id = ?")
			.param(alertId)
			.query((rs, n) -> new AlertView(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
					rs.getString("type"), rs.getString("severity"), rs.getString("state"), rs.getInt("level"),
					rs.getString("reason"), rs.getTimestamp("raised_at").toInstant(),
					rs.getTimestamp("updated_at").toInstant()))
			.optional();
	}
}
