package app.lantern.notifier.delivery.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import app.lantern.events.DeliveryStatus;
import app.lantern.events.SuppressionReason;
import app.lantern.events.Topics;
import app.lantern.notifier.delivery.Claim;
import app.lantern.notifier.delivery.Decision;
import app.lantern.notifier.delivery.Message;
import app.lantern.notifier.delivery.Planned;
import app.lantern.platform.outbox.Outbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The claims in the {@code delivery} table, and nothing else: persistence only, for {@link ClaimStep}. A claim is
 * its own unique key (kind, subject, level, severity, repeat, recipient, channel); a poll's claims are inserted in one
 * JDBC batch, in one transaction.
 */
@Component
public class ClaimRows {

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate transactions;

	private final Outbox outbox;

	ClaimRows(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate transactions, Outbox outbox) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.transactions = transactions;
		this.outbox = outbox;
	}

	/** A claim made before: still QUEUED (waiting, or in flight), so the queue owns it, or finished. */
	public record EarlierClaim(UUID id, boolean queued) {
	}

	/** Runs {@code work} in one transaction: a poll's claims are made together or not at all. */
	public <T> T inOneTransaction(Supplier<T> work) {
		return transactions.execute(status -> work.get());
	}

	/** The claims already made among these (a claim is its own unique key). */
	public Map<Claim, EarlierClaim> earlier(List<Planned> planned) {
		String[] kinds = planned.stream().map(one -> one.claim().kind().name()).distinct().toArray(String[]::new);
		String[] subjects = planned.stream().map(one -> one.claim().subjectId().toString()).distinct()
			.toArray(String[]::new);
		Map<Claim, EarlierClaim> earlier = new HashMap<>();
		jdbc.sql("""
				select id, kind, subject_id, client_id, alert_type, level, severity, repeat, recipient, channel, status
				from delivery where kind = any(cast(? as text[])) and subject_id = any(cast(? as uuid[]))""")
			.params(kinds, subjects)
			.query(rs -> {
				earlier.put(DeliveryLog.claim(rs),
						new EarlierClaim(rs.getObject("id", UUID.class), "QUEUED".equals(rs.getString("status"))));
			});
		return earlier;
	}

	/**
	 * Inserts one row for each planned delivery under its id, in one JDBC batch: SUPPRESSED with its reason,
	 * QUEUED until quiet hours end for a deferred one, QUEUED and in flight otherwise — leased until
	 * {@code leaseEnds}, when the queue takes it back if no answer was recorded (the instance died). Returns, for
	 * each, whether it was inserted (false: another instance claimed it in the meantime).
	 */
	public boolean[] insertAll(List<UUID> ids, List<Planned> planned, Instant now, Instant leaseEnds) {
		List<Object[]> rows = new ArrayList<>(planned.size());
		for (int i = 0; i < planned.size(); i++) {
			rows.add(row(ids.get(i), planned.get(i), now, leaseEnds));
		}
		int[] counts = jdbcTemplate.batchUpdate("""
				insert into delivery (id, kind, client_id, subject_id, alert_type, level, severity, repeat, recipient,
				  channel, consent_id, status, reason, address, subject, body, event, next_attempt_at, in_flight_since,
				  created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""", rows);
		boolean[] inserted = new boolean[counts.length];
		for (int i = 0; i < counts.length; i++) {
			inserted[i] = counts[i] != 0;
		}
		return inserted;
	}

	private static Object[] row(UUID id, Planned one, Instant now, Instant leaseEnds) {
		Claim claim = one.claim();
		Decision decision = one.decision();
		SuppressionReason reason = decision.reasonNotToSendNow();
		boolean sendNow = decision instanceof Decision.Send;
		Instant waitUntil = decision instanceof Decision.Defer defer ? defer.until() : sendNow ? leaseEnds : null;
		Message message = one.message();
		return new Object[] { id, claim.kind().name(), claim.clientId(), claim.subjectId(),
				claim.alertType() == null ? null : claim.alertType().name(), claim.level(), claim.severity(), claim.repeat(),
				claim.recipient(), claim.channel().name(), decision.consentId(),
				decision instanceof Decision.Suppress ? "SUPPRESSED" : "QUEUED", reason == null ? null : reason.name(),
				message.address(), message.subject(), message.body(), message.event(),
				waitUntil == null ? null : Timestamp.from(waitUntil), sendNow ? Timestamp.from(now) : null,
				Timestamp.from(now), Timestamp.from(now) };
	}

	/** Announces a delivery that was not sent (its row already says so, or it is a repeat of one). */
	public void announceSuppressed(UUID id, Claim claim, String consentId, SuppressionReason reason, Instant now) {
		outbox.append(Topics.DELIVERIES, claim.event(id, consentId, DeliveryStatus.SUPPRESSED, reason, null, now));
	}
}
