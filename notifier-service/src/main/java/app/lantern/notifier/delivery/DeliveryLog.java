package app.lantern.notifier.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.lantern.events.AlertType;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryKind;
import app.lantern.events.DeliveryStatus;
import app.lantern.events.SuppressionReason;
import app.lantern.events.Topics;
import app.lantern.platform.outbox.Outbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notifier's record of every delivery, and nothing else: persistence only. A send is claimed by a unique
 * row (kind, subject, level, severity, recipient, channel) before it happens; every outcome is written with
 * its event for the disclosure log in one statement. Deliveries that must wait (quiet hours, a recoverable
 * failure) wait here with their message and the event that caused them.
 */
@Component
class DeliveryLog {

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate transactions;

	private final Outbox outbox;

	private final Clock clock;

	DeliveryLog(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate transactions, Outbox outbox,
			Clock clock) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.transactions = transactions;
		this.outbox = outbox;
		this.clock = clock;
	}

	/** A claim made before: in flight when it is QUEUED but not waiting for a time (its send was cut short). */
	record EarlierClaim(UUID id, boolean inFlight) {
	}

	/** Runs {@code work} in one transaction: a poll's claims are made together or not at all. */
	<T> T inOneTransaction(java.util.function.Supplier<T> work) {
		return transactions.execute(status -> work.get());
	}

	/** The claims already made among these (a claim is its own unique key). */
	Map<Claim, EarlierClaim> earlier(List<Planned> planned) {
		String[] kinds = planned.stream().map(one -> one.claim().kind().name()).distinct().toArray(String[]::new);
		String[] subjects = planned.stream().map(one -> one.claim().subjectId().toString()).distinct()
			.toArray(String[]::new);
		Map<Claim, EarlierClaim> earlier = new HashMap<>();
		jdbc.sql("""
				select id, kind, subject_id, client_id, alert_type, level, severity, recipient, channel, status,
				  next_attempt_at
				from delivery where kind = any(cast(? as text[])) and subject_id = any(cast(? as uuid[]))""")
			.params(kinds, subjects)
			.query(rs -> {
				earlier.put(claim(rs), new EarlierClaim(rs.getObject("id", UUID.class),
						"QUEUED".equals(rs.getString("status")) && rs.getTimestamp("next_attempt_at") == null));
			});
		return earlier;
	}

	/**
	 * Inserts one row for each planned delivery under its id, in one JDBC batch: SUPPRESSED with its reason,
	 * QUEUED until quiet hours end for a deferred one, QUEUED to send now otherwise. Returns, for each, whether
	 * it was inserted (false: another instance claimed it in the meantime).
	 */
	boolean[] insertAll(List<UUID> ids, List<Planned> planned, Instant now) {
		List<Object[]> rows = new ArrayList<>(planned.size());
		for (int i = 0; i < planned.size(); i++) {
			rows.add(row(ids.get(i), planned.get(i), now));
		}
		int[] counts = jdbcTemplate.batchUpdate("""
				insert into delivery (id, kind, client_id, subject_id, alert_type, level, severity, recipient, channel,
				  consent_id, status, reason, address, subject, body, event, next_attempt_at, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""", rows);
		boolean[] inserted = new boolean[counts.length];
		for (int i = 0; i < counts.length; i++) {
			inserted[i] = counts[i] != 0;
		}
		return inserted;
	}

	private static Object[] row(UUID id, Planned one, Instant now) {
		Claim claim = one.claim();
		Decision decision = one.decision();
		SuppressionReason reason = decision.reasonNotToSendNow();
		Instant waitUntil = decision instanceof Decision.Defer defer ? defer.until() : null;
		Message message = one.message();
		return new Object[] { id, claim.kind().name(), claim.clientId(), claim.subjectId(),
				claim.alertType() == null ? null : claim.alertType().name(), claim.level(), claim.severity(),
				claim.recipient(), claim.channel().name(), decision.consentId(),
				decision instanceof Decision.Suppress ? "SUPPRESSED" : "QUEUED", reason == null ? null : reason.name(),
				message.address(), message.subject(), message.body(), message.event(),
				waitUntil == null ? null : Timestamp.from(waitUntil), Timestamp.from(now), Timestamp.from(now) };
	}

	/** Announces a delivery that was not sent (its row already says so, or it is a repeat of one). */
	void announceSuppressed(UUID id, Claim claim, String consentId, SuppressionReason reason, Instant now) {
		outbox.append(Topics.DELIVERIES, claim.event(id, consentId, DeliveryStatus.SUPPRESSED, reason, null, now));
	}

	/** Deliveries whose time has come, leased for a minute so that another instance leaves them alone. */
	List<PendingSend> takeWaiting(int limit) {
		Instant now = clock.instant();
		List<PendingSend> due = transactions.execute(status -> jdbc.sql("""
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
	Optional<PendingSend> sent(UUID deliveryId) {
		return jdbc.sql("select * from delivery where id = ? and status = 'SENT'")
			.param(deliveryId)
			.query((rs, n) -> waiting(rs))
			.optional();
	}

	/** The sends are about to happen now: no longer waiting (so a crash leaves them in flight, to be sent again). */
	void sendingNow(List<UUID> deliveryIds) {
		if (deliveryIds.isEmpty()) {
			return;
		}
		jdbc.sql("update delivery set next_attempt_at = null where id = any(cast(? as uuid[]))")
			.param(deliveryIds.stream().map(UUID::toString).toArray(String[]::new))
			.update();
	}

	void retryAt(UUID deliveryId, int attempts, Instant at, String detail) {
		jdbc.sql("update delivery set attempts = ?, next_attempt_at = ?, detail = ?, updated_at = ? where id = ?")
			.params(attempts, Timestamp.from(at), detail, Timestamp.from(clock.instant()), deliveryId)
			.update();
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
		// the outcome and its event in one statement: one round trip as each answer comes back
		Instant now = clock.instant();
		outbox.appendWith("""
				update delivery set status = ?, reason = ?, detail = ?, next_attempt_at = null, updated_at = ?
				where id = ? returning id""",
				new Object[] { status.name(), reason == null ? null : reason.name(), detail, Timestamp.from(now),
						deliveryId },
				Topics.DELIVERIES, claim.event(deliveryId, consentId, status, reason, detail, now));
	}

	private static Claim claim(ResultSet rs) throws SQLException {
		String alertType = rs.getString("alert_type");
		return new Claim(DeliveryKind.valueOf(rs.getString("kind")), rs.getObject("subject_id", UUID.class),
				rs.getString("client_id"), alertType == null ? null : AlertType.valueOf(alertType), rs.getInt("level"),
				rs.getString("severity"), rs.getString("recipient"), ContactChannel.valueOf(rs.getString("channel")));
	}

	private static PendingSend waiting(ResultSet rs) throws SQLException {
		Claim claim = claim(rs);
		Message message = new Message(rs.getString("address"), rs.getString("subject"), rs.getString("body"),
				rs.getString("event"));
		return new PendingSend(rs.getObject("id", UUID.class), claim, rs.getString("consent_id"), message,
				rs.getInt("attempts"));
	}
}
