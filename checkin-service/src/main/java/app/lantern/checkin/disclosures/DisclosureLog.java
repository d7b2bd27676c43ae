package app.lantern.checkin.disclosures;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.programmes.Programmes;
import app.lantern.events.DeliveryEvent;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who was told what, when, on which channel and under which consent: {@code GET /api/disclosures}, and a client's
 * accounting of disclosures (42 CFR 2.24, HIPAA 164.528) as CSV at {@code GET /api/clients/{id}/disclosures.csv}.
 * Each row keeps the recipient's role, so the accounting outlives an erased contact.
 */
@RestController
class DisclosureLog {

	private final JdbcClient jdbc;

	private final Programmes programmes;

	private final AuditTrail audit;

	DisclosureLog(JdbcClient jdbc, Programmes programmes, AuditTrail audit) {
		this.jdbc = jdbc;
		this.programmes = programmes;
		this.audit = audit;
	}

	record Disclosure(UUID deliveryId, UUID clientId, UUID alertId, String alertType, Integer level, String recipient,
			String recipientRole, String channel, String consentId, String status, String reason, Instant at) {
	}

	@KafkaListener(id = "checkin-disclosures", topics = Topics.DELIVERIES, groupId = "checkin-service.disclosures")
	void on(String payload) {
		DeliveryEvent event = EventJson.read(payload, DeliveryEvent.class);
		jdbc.sql("""
				insert into disclosure (event_id, delivery_id, client_id, alert_id, alert_type, level, recipient,
				  channel, consent_id, status, reason, at, recipient_role)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
				  (select role from support_contact where id::text = ?)) on conflict (event_id) do nothing""")
			.params(event.eventId(), event.deliveryId(), UUID.fromString(event.clientId()), event.alertId(),
					event.alertType() == null ? null : event.alertType().name(), event.level(), event.recipient(),
					event.channel().name(), event.consentId(), event.status().name(),
					event.reason() == null ? null : event.reason().name(), Timestamp.from(event.occurredAt()),
					event.recipient())
			.update();
	}

	/** The disclosures of the staff user's programmes, or of one client ({@code clientId}; audited). */
	@GetMapping("/api/disclosures")
	List<Disclosure> disclosures(@RequestParam(required = false) UUID clientId, Principal staff) {
		if (clientId != null) {
			audit.viewed(clientId, staff.getName(), "DISCLOSURES");
		}
		return jdbc.sql("""
				select * from disclosure where (cast(:client as uuid) is null or client_id = :client)
				  and client_id in (select id from client where programme_id = any(:programmes))
				order by at desc limit 1000""")
			.param("client", clientId)
			.param("programmes", programmes.current().ids())
			.query((rs, n) -> disclosure(rs))
			.list();
	}

	/**
	 * The client's accounting of disclosures: every message that told someone about them — when, to whom (the
	 * contact's id and role), what kind of alert, on which channel, under which consent. Suppressed sends told no
	 * one and are left out. Exporting it is audited.
	 */
	@GetMapping(path = "/api/clients/{id}/disclosures.csv", produces = "text/csv")
	ResponseEntity<String> accounting(@PathVariable UUID id, Principal staff) {
		List<Map.Entry<Disclosure, String>> told = jdbc.sql("""
				select d.*, s.name as recipient_name from disclosure d
				left join support_contact s on s.id::text = d.recipient
				where d.client_id = ? and d.status in ('SENT', 'DELIVERED')
				order by d.at""")
			.param(id)
			.query((rs, n) -> Map.entry(disclosure(rs), Objects.toString(rs.getString("recipient_name"), "")))
			.list();
		StringBuilder csv = new StringBuilder("disclosed_at,recipient_id,recipient_name,recipient_role,channel,"
				+ "alert_type,escalation_level,consent_id,status\r\n");
		for (Map.Entry<Disclosure, String> entry : told) {
			Disclosure row = entry.getKey();
			csv.append(String.join(",", row.at().toString(), csv(row.recipient()), csv(entry.getValue()),
					csv(row.recipientRole()),
					row.channel(), csv(row.alertType()), row.level() == null ? "" : row.level().toString(),
					csv(row.consentId()), row.status()))
				.append("\r\n");
		}
		audit.viewed(id, staff.getName(), "DISCLOSURES_EXPORTED");
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"disclosures-" + id + ".csv\"")
			.body(csv.toString());
	}

	/** RFC 4180: a field with a comma, quote or line break is quoted; a leading =+-@ cannot start a formula. */
	private static String csv(String value) {
		if (value == null) {
			return "";
		}
		String safe = value.matches("^[=+\\-@].*") ? "'" + value : value;
		return safe.matches(".*[\",\r\n].*") ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
	}

	private static Disclosure disclosure(ResultSet rs) throws SQLException {
		return new Disclosure(rs.getObject("delivery_id", UUID.class), rs.getObject("client_id", UUID.class),
				rs.getObject("alert_id", UUID.class), rs.getString("alert_type"), (Integer) rs.getObject("level"),
				rs.getString("recipient"), rs.getString("recipient_role"), rs.getString("channel"),
				rs.getString("consent_id"), rs.getString("status"), rs.getString("reason"),
				rs.getTimestamp("at").toInstant());
	}
}
