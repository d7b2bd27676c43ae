package app.lantern.checkin.disclosures;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.lantern.events.DeliveryEvent;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Who was told what, when, on which channel and under which consent; {@code GET /api/disclosures}. */
@RestController
class DisclosureLog {

	private final JdbcClient jdbc;

	DisclosureLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Disclosure(UUID deliveryId, UUID clientId, UUID alertId, String alertType, Integer level, String recipient,
			String channel, String consentId, String status, String reason, Instant at) {
	}

	@KafkaListener(id = "checkin-disclosures", topics = Topics.DELIVERIES, groupId = "checkin-service.disclosures")
	void on(String payload) {
		DeliveryEvent event = EventJson.read(payload, DeliveryEvent.class);
		jdbc.sql("""
				insert into disclosure (event_id, delivery_id, client_id, alert_id, alert_type, level, recipient,
				  channel, consent_id, status, reason, at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing""")
			.params(event.eventId(), event.deliveryId(), UUID.fromString(event.clientId()), event.alertId(),
					event.alertType() == null ? null : event.alertType().name(), event.level(), event.recipient(),
					event.channel().name(), event.consentId(), event.status().name(),
					event.reason() == null ? null : event.reason().name(), Timestamp.from(event.occurredAt()))
			.update();
	}

	@GetMapping("/api/disclosures")
	List<Disclosure> disclosures(@RequestParam(required = false) UUID clientId) {
		return jdbc.sql("""
				select * from disclosure where (cast(:client as uuid) is null or client_id = :client)
				order by at desc limit 1000""")
			.param("client", clientId)
			.query((rs, n) -> new Disclosure(rs.getObject("delivery_id", UUID.class),
					rs.getObject("client_id", UUID.class), rs.getObject("alert_id", UUID.class),
					rs.getString("alert_type"), (Integer) rs.getObject("level"), rs.getString("recipient"),
					rs.getString("channel"), rs.getString("consent_id"), rs.getString("status"), rs.getString("reason"),
					rs.getTimestamp("at").toInstant()))
			.list();
	}
}
