package app.lantern.notifier.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.lantern.events.AlertType;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryEvent;
import app.lantern.events.DeliveryKind;
import app.lantern.events.DeliveryStatus;
import app.lantern.events.SuppressionReason;
import app.lantern.events.Topics;
import app.lantern.platform.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notifier's record of every delivery. A send is claimed by a unique row (subject, level, recipient,
 * channel) before it happens; every outcome is written with its event for the disclosure log in one
 * transaction.
 */
@Component
class DeliveryLog {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Outbox outbox;

	private final Clock clock;

	private final MeterRegistry meters;

	DeliveryLog(JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.outbox = outbox;
		this.clock = clock;
		this.meters = meters;
	}

	/** One thing to tell one person on one channel; {@code subjectId} is the alert's or invitation's id. */
	record Claim(DeliveryKind kind, UUID subjectId, String clientId, AlertType alertType, int level, String severity,
			String recipient, ContactChannel channel) {
	}

	/**
	 * Claims the delivery. Returns the id to send under, or empty when it was already done (or suppressed) —
	 * a claim left QUEUED by a crash is returned again, the one case where a message may go twice. A
	 * suppression is recorded and announced here and returns empty.
	 */
	Optional<UUID> claim(Claim claim, Decision decision) {
		Instant now = clock.instant();
		return Optional.ofNullable(transactions.execute(status -> {
			var existing = jdbc.sql("""
					select id, status from delivery
					where kind = ? and subject_id = ? and level = ? and severity = ? and recipient = ? and channel = ?""")
				.params(claim.kind().name(), claim.subjectId(), claim.level(), claim.severity(), claim.recipient(),
						claim.channel().name())
				.query((rs, n) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("status")))
				.optional();
			if (existing.isPresent()) {
				return DeliveryStatus.QUEUED.name().equals(existing.get().getValue()) ? existing.get().getKey() : null;
			}
			UUID id = UUID.randomUUID();
			SuppressionReason reason = decision instanceof Decision.Suppress suppress ? suppress.reason() : null;
			String consentId = decision instanceof Decision.Send send ? send.consentId()
					: ((Decision.Suppress) decision).consentId();
			int inserted = jdbc.sql("""
					insert into delivery (id, kind, client_id, subject_id, alert_type, level, severity, recipient, channel,
					  consent_id, status, reason, created_at, updated_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
				.params(id, claim.kind().name(), claim.clientId(), claim.subjectId(),
						claim.alertType() == null ? null : claim.alertType().name(), claim.level(), claim.severity(),
						claim.recipient(),
						claim.channel().name(), consentId, reason == null ? "QUEUED" : "SUPPRESSED",
						reason == null ? null : reason.name(), Timestamp.from(now), Timestamp.from(now))
				.update();
			if (inserted == 0) {
				return null;
			}
			if (reason != null) {
				announce(id, claim, consentId, DeliveryStatus.SUPPRESSED, reason, null, now);
				meters.counter("lantern.deliveries.suppressed", "reason", reason.name(), "channel",
						claim.channel().name()).increment();
				return null;
			}
			return id;
		}));
	}

	/** Who was told of this alert, at any level, on which channel: the all-clear goes to them. */
	List<Map.Entry<String, ContactChannel>> toldOf(UUID alertId) {
		return jdbc.sql("""
				select distinct recipient, channel from delivery
				where kind = 'ALERT' and subject_id = ? and status in ('SENT', 'DELIVERED')""")
			.param(alertId)
			.query((rs, n) -> Map.entry(rs.getString("recipient"), ContactChannel.valueOf(rs.getString("channel"))))
			.list();
	}

	void finish(UUID deliveryId, Claim claim, String consentId, DeliveryStatus status, String detail) {
		Instant now = clock.instant();
		transactions.executeWithoutResult(tx -> {
			jdbc.sql("update delivery set status = ?, detail = ?, updated_at = ? where id = ?")
				.params(status.name(), detail, Timestamp.from(now), deliveryId)
				.update();
			announce(deliveryId, claim, consentId, status, null, detail, now);
		});
		meters.counter("lantern.deliveries", "kind", claim.kind().name(), "status", status.name(), "channel",
				claim.channel().name()).increment();
	}

	private void announce(UUID deliveryId, Claim claim, String consentId, DeliveryStatus status,
			SuppressionReason reason, String detail, Instant now) {
		UUID alertId = claim.kind() == DeliveryKind.ALERT ? claim.subjectId() : null;
		outbox.append(Topics.DELIVERIES, new DeliveryEvent(UUID.randomUUID(), now, DeliveryEvent.SCHEMA_VERSION,
				deliveryId, claim.clientId(), alertId, claim.alertType(), claim.level(), claim.recipient(),
				claim.channel(), consentId, status, reason, detail, claim.kind()));
	}
}
