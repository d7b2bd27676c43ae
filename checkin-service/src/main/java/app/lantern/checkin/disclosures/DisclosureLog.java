package app.lantern.checkin.disclosures;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.programmes.Programmes;
import app.lantern.checkin.sms.OptOuts;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryEvent;
import app.lantern.events.DeliveryStatus;
import app.lantern.events.EventJson;
import app.lantern.events.SuppressionReason;
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

	/** A cell a spreadsheet would read as a formula (OWASP's list: = + - @, and a leading tab or carriage return). */
	private static final Pattern FORMULA = Pattern.compile("[=+\\-@\t\r]");

	/** A cell that must be quoted (RFC 4180): a quote, a comma or a line break anywhere in it. */
	private static final Pattern QUOTED = Pattern.compile("[\",\r\n]");

	private final OptOuts optOuts;

	DisclosureLog(JdbcClient jdbc, Programmes programmes, AuditTrail audit, OptOuts optOuts) {
		this.optOuts = optOuts;
		this.jdbc = jdbc;
		this.programmes = programmes;
		this.audit = audit;
	}

	record Disclosure(UUID deliveryId, UUID clientId, UUID alertId, String alertType, Integer level, String recipient,
			String recipientRole, String channel, String consentId, String status, String reason, Instant at,
			String recipientName) {
	}

	@KafkaListener(id = "checkin-disclosures", topics = Topics.DELIVERIES, groupId = "checkin-service.disclosures")
	void on(String payload) {
		DeliveryEvent event = EventJson.read(payload, DeliveryEvent.class);
		jdbc.sql("""
				insert into disclosure (event_id, delivery_id, client_id, alert_id, alert_type, level, recipient,
				  channel, consent_id, status, reason, at, recipient_role, recipient_name)
				values (:event, :delivery, :client, :alert, :type, :level, :recipient, :channel, :consent, :status,
				  :reason, :at,
				  coalesce((select role from support_contact where id::text = :recipient),
				    (select contact_role from consent where id::text = :consent),
				    case when :recipient like 'staff:%' then 'STAFF' end),
				  coalesce((select name from support_contact where id::text = :recipient),
				    (select contact_name from consent where id::text = :consent),
				    case when :recipient like 'staff:%' then substring(:recipient from 7) end))
				on conflict (event_id) do nothing""")
			.param("event", event.eventId())
			.param("delivery", event.deliveryId())
			.param("client", UUID.fromString(event.clientId()))
			.param("alert", event.alertId())
			.param("type", event.alertType() == null ? null : event.alertType().name())
			.param("level", event.level())
			.param("recipient", event.recipient())
			.param("channel", event.channel().name())
			.param("consent", event.consentId())
			.param("status", event.status().name())
			.param("reason", event.reason() == null ? null : event.reason().name())
			.param("at", Timestamp.from(event.occurredAt()))
			.update();
		if (event.status() == DeliveryStatus.FAILED && event.reason() == SuppressionReason.OPTED_OUT
				&& event.channel() == ContactChannel.SMS) {
			// Twilio refused it because the number replied STOP to Twilio itself (21610): that is the number's STOP
			phoneOf(event).ifPresent(optOuts::stoppedAtTwilio);
		}
	}

	/** The number a delivery went to: its contact's, staff member's, or (for the client's own messages) the client's. */
	private Optional<String> phoneOf(DeliveryEvent event) {
		return jdbc.sql("""
				select phone from support_contact where id::text = :recipient
				union all select phone from staff_user where 'staff:' || username = :recipient
				union all select phone from client where id = :client and :recipient = :client_recipient
				limit 1""")
			.param("recipient", event.recipient())
			.param("client", UUID.fromString(event.clientId()))
			.param("client_recipient", DeliveryEvent.CLIENT_RECIPIENT)
			.query(String.class)
			.optional()
			.filter(phone -> !phone.isBlank());
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
	 * contact's id, and their name and role as they were when told: a contact removed since is still named), what
	 * kind of alert, on which channel, under which consent. Suppressed sends told no one and are left out. After
	 * the client's erasure an ADMIN still exports it by the client's id (without the names). Exporting it is
	 * audited.
	 */
	@GetMapping(path = "/api/clients/{id}/disclosures.csv", produces = "text/csv")
	ResponseEntity<String> accounting(@PathVariable UUID id, Principal staff) {
		List<Disclosure> told = jdbc.sql("""
				select d.delivery_id, d.client_id, d.alert_id, d.alert_type, d.level, d.recipient, d.recipient_role,
				  d.channel, d.consent_id, d.status, d.reason, d.at,
				  coalesce(d.recipient_name, s.name) as recipient_name from disclosure d
				left join support_contact s on s.id::text = d.recipient
				where d.client_id = ? and d.status in ('SENT', 'DELIVERED')
				order by d.at""")
			.param(id)
			.query((rs, n) -> disclosure(rs))
			.list();
		StringBuilder csv = new StringBuilder("disclosed_at,recipient_id,recipient_name,recipient_role,channel,"
				+ "alert_type,escalation_level,consent_id,status\r\n");
		for (Disclosure row : told) {
			csv.append(String.join(",", row.at().toString(), csv(row.recipient()), csv(row.recipientName()),
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
		String safe = FORMULA.matcher(value).lookingAt() ? "'" + value : value;
		return QUOTED.matcher(safe).find() ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
	}

	private static Disclosure disclosure(ResultSet rs) throws SQLException {
		return new Disclosure(rs.getObject("delivery_id", UUID.class), rs.getObject("client_id", UUID.class),
				rs.getObject("alert_id", UUID.class), rs.getString("alert_type"), (Integer) rs.getObject("level"),
				rs.getString("recipient"), rs.getString("recipient_role"), rs.getString("channel"),
				rs.getString("consent_id"), rs.getString("status"), rs.getString("reason"),
				rs.getTimestamp("at").toInstant(), rs.getString("recipient_name"));
	}
}
