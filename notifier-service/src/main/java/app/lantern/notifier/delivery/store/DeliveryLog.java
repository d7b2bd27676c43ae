package app.lantern.notifier.delivery.store;

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
import app.lantern.events.DeliveryKind;
import app.lantern.events.DeliveryStatus;
import app.lantern.events.SuppressionReason;
import app.lantern.notifier.delivery.Claim;
import app.lantern.notifier.delivery.Message;
import app.lantern.notifier.delivery.PendingSend;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The notifier's record of every delivery after its claim ({@link ClaimRows}), and nothing else: persistence
 * only. Every outcome is written with its event for the disclosure log ({@link DeliveryOutcomes}). Deliveries that must
 * wait (quiet hours, a recoverable failure, a lost lease) wait here with their message and the event that
 * caused them.
 */
@Component
public class DeliveryLog {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final DeliveryOutcomes outcomes;

	DeliveryLog(JdbcClient jdbc, Clock clock, DeliveryOutcomes outcomes) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.outcomes = outcomes;
	}

	/**
	 * Deliveries whose time has come, leased until {@code leaseEnds} so that another instance leaves them alone,
	 * and marked in flight. Each carries the instant its earlier attempt went unanswered, if one did.
	 */
	public List<PendingSend> takeWaiting(int limit, Instant leaseEnds) {
		Instant now = clock.instant();
		return jdbc.sql("""
				with due as (
				  select id, in_flight_since as unsure_since from delivery
				  where status = 'QUEUED' and next_attempt_at <= ?
				  order by next_attempt_at limit ? for update skip locked)
				update delivery d set next_attempt_at = ?, in_flight_since = coalesce(d.in_flight_since, ?)
				from due where d.id = due.id
				returning d.*, due.unsure_since""")
			.params(Timestamp.from(now), limit, Timestamp.from(leaseEnds), Timestamp.from(now))
			.query((rs, n) -> {
				PendingSend send = waiting(rs);
				Timestamp unsure = rs.getTimestamp("unsure_since");
				return new PendingSend(send.id(), send.claim(), send.consentId(), send.message(), send.attempts(), 0,
						unsure == null ? null : unsure.toInstant());
			})
			.list();
	}

	/**
	 * Deliveries that must wait as they are, without an attempt spent: back to the queue at {@code at}, no longer
	 * in flight unless an earlier attempt of theirs went unanswered.
	 */
	public void putBack(List<PendingSend> sends, Instant at, String detail) {
		String[] ids = sends.stream().map(send -> send.id().toString()).toArray(String[]::new);
		String[] sure = sends.stream().filter(send -> send.unsureSince() == null).map(send -> send.id().toString())
			.toArray(String[]::new);
		jdbc.sql("""
				update delivery set next_attempt_at = ?, detail = ?, updated_at = ?,
				  in_flight_since = case when id = any(cast(? as uuid[])) then null else in_flight_since end
				where id = any(cast(? as uuid[])) and status = 'QUEUED'""")
			.params(Timestamp.from(at), detail, Timestamp.from(clock.instant()), sure, ids)
			.update();
	}

	/** Renews the lease of a send about to start, if it was about to run out while the send waited its turn. */
	public void renewLease(UUID deliveryId, Instant leaseEnds) {
		jdbc.sql("update delivery set next_attempt_at = ? where id = ? and status = 'QUEUED'")
			.params(Timestamp.from(leaseEnds), deliveryId)
			.update();
	}

	/** A delivery that was SENT (the only state a receipt may move on), with its claim. */
	public Optional<PendingSend> sent(UUID deliveryId) {
		return jdbc.sql("select * from delivery where id = ? and status = 'SENT'")
			.param(deliveryId)
			.query((rs, n) -> waiting(rs))
			.optional();
	}

	/**
	 * Tries again at {@code at}. {@code maybeTaken}: the channel may have taken the attempt without answering (a
	 * read time-out), so the delivery stays marked in flight and the channel is asked before the next attempt.
	 */
	public void retryAt(UUID deliveryId, int attempts, Instant at, String detail, boolean maybeTaken) {
		jdbc.sql("""
				update delivery set attempts = ?, next_attempt_at = ?, detail = ?, updated_at = ?,
				  in_flight_since = case when ? then in_flight_since end
				where id = ?""")
			.params(attempts, Timestamp.from(at), detail, Timestamp.from(clock.instant()), maybeTaken, deliveryId)
			.update();
	}

	/** Where the alert's own delivery to this recipient on this channel stands: told, still on its way, or never. */
	public enum Told {
		YES, NOT_YET, NEVER
	}

	public Told told(UUID alertId, String recipient, ContactChannel channel) {
		List<String> statuses = jdbc.sql("""
				select status from delivery where kind = 'ALERT' and subject_id = ? and recipient = ? and channel = ?""")
			.params(alertId, recipient, channel.name())
			.query(String.class)
			.list();
		if (statuses.contains("SENT") || statuses.contains("DELIVERED")) {
			return Told.YES;
		}
		return statuses.contains("QUEUED") ? Told.NOT_YET : Told.NEVER;
	}

	/**
	 * Who was told of this alert, or is about to be, at any level, on which channel: the all-clear goes to them
	 * (sent only once the alert's own message was; see {@link #told}).
	 */
	public List<Map.Entry<String, ContactChannel>> toldOf(UUID alertId) {
		return jdbc.sql("""
				select distinct recipient, channel from delivery
				where kind = 'ALERT' and subject_id = ? and status in ('SENT', 'DELIVERED', 'QUEUED')""")
			.param(alertId)
			.query((rs, n) -> Map.entry(rs.getString("recipient"), ContactChannel.valueOf(rs.getString("channel"))))
			.list();
	}

	/**
	 * The delivery's outcome, with its event; returns once it is committed (with the other send threads' outcomes:
	 * {@link DeliveryOutcomes}).
	 */
	public void finish(UUID deliveryId, Claim claim, String consentId, DeliveryStatus status, SuppressionReason reason,
			String detail) {
		outcomes.finish(deliveryId, claim, consentId, status, reason, detail);
	}

	static Claim claim(ResultSet rs) throws SQLException {
		String alertType = rs.getString("alert_type");
		return new Claim(DeliveryKind.valueOf(rs.getString("kind")), rs.getObject("subject_id", UUID.class),
				rs.getString("client_id"), alertType == null ? null : AlertType.valueOf(alertType), rs.getInt("level"),
				rs.getString("severity"), rs.getString("recipient"), ContactChannel.valueOf(rs.getString("channel")),
				rs.getInt("repeat"));
	}

	private static PendingSend waiting(ResultSet rs) throws SQLException {
		Claim claim = claim(rs);
		Message message = new Message(rs.getString("address"), rs.getString("subject"), rs.getString("body"),
				rs.getString("event"));
		return new PendingSend(rs.getObject("id", UUID.class), claim, rs.getString("consent_id"), message,
				rs.getInt("attempts"));
	}
}
