package app.lantern.checkin.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import app.lantern.events.CheckInChannel;
import app.lantern.platform.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Records check-ins: once per idempotency key, durable before acknowledged, in order per client. */
@Service
public class CheckIns {

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final Clock clock;

	private final MeterRegistry meters;

	private final CrisisWords crisisWords;

	private final TransactionTemplate transactions;

	private final CheckInBatch inOneTransaction;

	private volatile CheckInBatches batches;

	CheckIns(JdbcClient jdbc, Outbox outbox, Clock clock, MeterRegistry meters, CrisisWords crisisWords,
			TransactionTemplate transactions, CheckInBatch inOneTransaction) {
		this.transactions = transactions;
		this.inOneTransaction = inOneTransaction;
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.clock = clock;
		this.meters = meters;
		this.crisisWords = crisisWords;
	}

	/** {@code receivedAt} is when it arrived, if that was earlier than now (a crisis that waited in the spool). */
	public record NewCheckIn(UUID clientId, CheckInChannel channel, Integer craving, Integer mood, boolean used,
			String note, boolean crisis, String idempotencyKey, Instant receivedAt) {

		public NewCheckIn(UUID clientId, CheckInChannel channel, Integer craving, Integer mood, boolean used,
				String note, boolean crisis, String idempotencyKey) {
			this(clientId, channel, craving, mood, used, note, crisis, idempotencyKey, null);
		}

		/** What this check-in says, as a hash: a retry under the same key must say the same. */
		String requestHash() {
			String said = String.join("\u001f", String.valueOf(clientId), channel.name(), String.valueOf(craving),
					String.valueOf(mood), String.valueOf(used), String.valueOf(note), String.valueOf(crisis));
			try {
				return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(said.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
			}
			catch (java.security.NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	public record Recorded(UUID id, boolean isNew, boolean crisis) {
	}

	public record CheckInView(UUID id, String channel, Integer craving, Integer mood, boolean used, String note,
			boolean crisis, Instant receivedAt) {
	}

	/** Set once by the writers when they start: check-ins outside a caller's transaction go to them. */
	void batchedBy(CheckInBatches batches) {
		this.batches = batches;
	}

	/**
	 * Stores the check-in and its event, or returns the check-in already stored under the same idempotency key;
	 * answers only once it is committed. Empty when the client does not exist. Inside a caller's transaction (an
	 * SMS is logged with its check-in) it is written there; otherwise with the other check-ins waiting, in one
	 * transaction ({@link CheckInBatches}).
	 */
	public Optional<Recorded> record(NewCheckIn checkIn) {
		Instant now = checkIn.receivedAt() != null ? checkIn.receivedAt() : clock.instant();
		String note = readable(checkIn.note());
		// words of crisis in a note make it a crisis, whichever way the check-in came
		boolean crisis = checkIn.crisis() || crisisWords.foundIn(note);
		var pending = new CheckInBatches.Pending(checkIn, now, note, crisis, outbox.currentTrace(),
				new CompletableFuture<>());
		if (batches == null || TransactionSynchronizationManager.isActualTransactionActive()) {
			return recordAlone(pending);
		}
		return batches.record(pending);
	}

	/** One check-in in its own transaction, or in the caller's. */
	Optional<Recorded> recordAlone(CheckInBatches.Pending pending) {
		CheckInBatch.Outcome outcome = transactions
			.execute(status -> inOneTransaction.store(List.of(pending)).get(pending));
		return counted(pending, outcome.answer());
	}

	/** Counts a check-in stored for the first time, by channel; returns what it was given. */
	Optional<Recorded> counted(CheckInBatches.Pending pending, Optional<Recorded> recorded) {
		if (recorded.map(Recorded::isNew).orElse(false)) {
			meters.counter("lantern.checkins.received", "channel", pending.checkIn().channel().name()).increment();
		}
		return recorded;
	}

	/** When each of the client's check-ins since {@code since} came, oldest first. */
	public List<Instant> receivedSince(UUID clientId, Instant since) {
		return jdbc.sql("select received_at from check_in where client_id = ? and received_at > ? order by received_at")
			.params(clientId, java.sql.Timestamp.from(since))
			.query((rs, n) -> rs.getTimestamp("received_at").toInstant())
			.list();
	}

	public List<CheckInView> history(UUID clientId, int limit) {
		return jdbc.sql("""
				select id, channel, craving, mood, used, note, crisis, received_at from check_in
				where client_id = ? order by received_at desc, id limit ?""")
			.params(clientId, limit)
			.query((rs, n) -> new CheckInView(rs.getObject("id", UUID.class), rs.getString("channel"),
					(Integer) rs.getObject("craving"), (Integer) rs.getObject("mood"), rs.getBoolean("used"), rs.getString("note"),
					rs.getBoolean("crisis"), rs.getTimestamp("received_at").toInstant()))
			.list();
	}

	/** The note as text a person can read: control characters (a NUL among them) are dropped, lines kept. */
	static String readable(String note) {
		if (note == null) {
			return null;
		}
		String cleaned = note.replaceAll("[\\p{Cc}&&[^\\n\\t]]", "").strip();
		return cleaned.isEmpty() ? null : cleaned;
	}
}
