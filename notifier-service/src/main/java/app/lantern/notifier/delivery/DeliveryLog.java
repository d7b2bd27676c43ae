package app.lantern.notifier.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
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
 * The notifier's record of every delivery. A send is claimed by a unique row (kind, subject, level, severity,
 * recipient, channel) before it happens; every outcome is written with its event for the disclosure log in
 * one transaction. Deliveries that must wait (quiet hours, a recoverable failure) wait here with their
 * message and the event that caused them.
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
		meters.counter("lantern.deliveries.retries");
	}

	/** One thing to tell one person on one channel; {@code subjectId} is the alert's, invitation's or message's id. */
	record Claim(DeliveryKind kind, UUID subjectId, String clientId, AlertType alertType, int level, String severity,
			String recipient, ContactChannel channel) {
	}

	/** What to send and why: kept with a delivery that waits, so the retry says the same and re-checks the same. */
	record Message(String address, String subject, String body, String event) {
	}

	/** A delivery waiting for its time. */
	record Waiting(UUID id, Claim claim, String consentId, Message message, int attempts) {
	}

	/**
	 * Claims the delivery. Returns the id to send under now, or empty: already done, suppressed (recorded and
	 * announced here) or deferred to quiet hours' end (announced as QUIET_HOURS_DEFERRED, sent later). A claim
	 * left QUEUED by a crash is returned again — the one case where a message may go twice.
	 */
	Optional<UUID> claim(Claim claim, Decision decision, Message message) {
		Instant now = clock.instant();
		return Optional.ofNullable(transactions.execute(status -> {
			var existing = jdbc.sql("""
					select id, status, next_attempt_at from delivery
					where kind = ? and subject_id = ? and level = ? and severity = ? and recipient = ? and channel = ?""")
				.params(claim.kind().name(), claim.subjectId(), claim.level(), claim.severity(), claim.recipient(),
						claim.channel().name())
				.query((rs, n) -> new Object[] { rs.getObject("id", UUID.class), rs.getString("status"),
						rs.getTimestamp("next_attempt_at") })
				.optional();
			if (existing.isPresent()) {
				Object[] row = existing.get();
				boolean inFlight = "QUEUED".equals(row[1]) && row[2] == null;
				if (!inFlight) {
					// told already (or deliberately not): the repeat is logged, and nothing is sent twice
					announce((UUID) row[0], claim, decision.consentId(), DeliveryStatus.SUPPRESSED,
							SuppressionReason.DUPLICATE, null, now);
					meters.counter("lantern.deliveries.suppressed", "reason", SuppressionReason.DUPLICATE.name(),
							"channel", claim.channel().name()).increment();
				}
				return inFlight ? (UUID) row[0] : null;
			}
			UUID id = UUID.randomUUID();
			SuppressionReason reason = decision instanceof Decision.Suppress suppress ? suppress.reason()
					: decision instanceof Decision.Defer ? SuppressionReason.QUIET_HOURS_DEFERRED : null;
			Instant waitUntil = decision instanceof Decision.Defer defer ? defer.until() : null;
			String state = decision instanceof Decision.Suppress ? "SUPPRESSED" : "QUEUED";
			int inserted = jdbc.sql("""
					insert into delivery (id, kind, client_id, subject_id, alert_type, level, severity, recipient, channel,
					  consent_id, status, reason, address, subject, body, event, next_attempt_at, created_at, updated_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
				.params(id, claim.kind().name(), claim.clientId(), claim.subjectId(),
						claim.alertType() == null ? null : claim.alertType().name(), claim.level(), claim.severity(),
						claim.recipient(), claim.channel().name(), decision.consentId(), state,
						reason == null ? null : reason.name(), message.address(), message.subject(), message.body(),
						message.event(), waitUntil == null ? null : Timestamp.from(waitUntil), Timestamp.from(now),
						Timestamp.from(now))
				.update();
			if (inserted == 0) {
				return null;
			}
			if (reason != null) {
				announce(id, claim, decision.consentId(), DeliveryStatus.SUPPRESSED, reason, null, now);
				meters.counter("lantern.deliveries.suppressed", "reason", reason.name(), "channel",
						claim.channel().name()).increment();
				return null;
			}
			return id;
		}));
	}

	/** Deliveries whose time has come, leased for a minute so that another instance leaves them alone. */
	List<Waiting> takeWaiting(int limit) {
		Instant now = clock.instant();
		List<Waiting> due = transactions.execute(status -> jdbc.sql("""
				select * from delivery where status = 'QUEUED' and next_attempt_at <= ?
				order by next_attempt_at limit ? for update skip locked""")
			.params(Timestamp.from(now), limit)
			.query((rs, n) -> waiting(rs))
			.list()
			.stream()
			.peek(waiting -> jdbc.sql("update delivery set next_attempt_at = ? where id = ?")
				.params(Timestamp.from(now.plusSeconds(60)), waiting.id())
				.update())
			.toList());
		return due == null ? List.of() : due;
	}

	/** A delivery that was SENT (the only state a receipt may move on), with its claim. */
	Optional<Waiting> sent(UUID deliveryId) {
		return jdbc.sql("select * from delivery where id = ? and status = 'SENT'")
			.param(deliveryId)
			.query((rs, n) -> waiting(rs))
			.optional();
	}

	/** The send is about to happen now: no longer waiting. */
	void sendingNow(UUID deliveryId) {
		jdbc.sql("update delivery set next_attempt_at = null where id = ?").param(deliveryId).update();
	}

	void retryAt(UUID deliveryId, int attempts, Instant at, String detail) {
		jdbc.sql("update delivery set attempts = ?, next_attempt_at = ?, detail = ?, updated_at = ? where id = ?")
			.params(attempts, Timestamp.from(at), detail, Timestamp.from(clock.instant()), deliveryId)
			.update();
		meters.counter("lantern.deliveries.retries").increment();
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

	void finish(UUID deliveryId, Claim claim, String consentId, DeliveryStatus status, SuppressionReason reason,
			String detail) {
		Instant now = clock.instant();
		transactions.executeWithoutResult(tx -> {
			jdbc.sql("""
					update delivery set status = ?, reason = ?, detail = ?, next_attempt_at = null, updated_at = ?
					where id = ?""")
				.params(status.name(), reason == null ? null : reason.name(), detail, Timestamp.from(now), deliveryId)
				.update();
			announce(deliveryId, claim, consentId, status, reason, detail, now);
		});
		meters.counter("lantern.deliveries", "kind", claim.kind().name(), "status", status.name(), "channel",
				claim.channel().name()).increment();
	}

	private static Waiting waiting(ResultSet rs) throws SQLException {
		String alertType = rs.getString("alert_type");
		Claim claim = new Claim(DeliveryKind.valueOf(rs.getString("kind")), rs.getObject("subject_id", UUID.class),
				rs.getString("client_id"), alertType == null ? null : AlertType.valueOf(alertType), rs.getInt("level"),
				rs.getString("severity"), rs.getString("recipient"), ContactChannel.valueOf(rs.getString("channel")));
		Message message = new Message(rs.getString("address"), rs.getString("subject"), rs.getString("body"),
				rs.getString("event"));
		return new Waiting(rs.getObject("id", UUID.class), claim, rs.getString("consent_id"), message,
				rs.getInt("attempts"));
	}

	private void announce(UUID deliveryId, Claim claim, String consentId, DeliveryStatus status,
			SuppressionReason reason, String detail, Instant now) {
		UUID alertId = claim.kind() == DeliveryKind.ALERT || claim.kind() == DeliveryKind.ALL_CLEAR ? claim.subjectId()
				: null;
		outbox.append(Topics.DELIVERIES, new DeliveryEvent(UUID.randomUUID(), now, DeliveryEvent.SCHEMA_VERSION,
				deliveryId, claim.clientId(), alertId, claim.alertType(), claim.level(), claim.recipient(),
				claim.channel(), consentId, status, reason, detail, claim.kind()));
	}
}
