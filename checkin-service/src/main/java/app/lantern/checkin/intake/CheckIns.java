package app.lantern.checkin.intake;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.lantern.platform.outbox.Outbox;
import app.lantern.checkin.web.UnprocessableException;
import app.lantern.events.CheckInChannel;
import app.lantern.events.CheckInReceived;
import app.lantern.events.Topics;
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

	private volatile CheckInBatches batches;

	CheckIns(JdbcClient jdbc, Outbox outbox, Clock clock, MeterRegistry meters, CrisisWords crisisWords,
			TransactionTemplate transactions) {
		this.transactions = transactions;
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
				new java.util.concurrent.CompletableFuture<>());
		if (batches == null || TransactionSynchronizationManager.isActualTransactionActive()) {
			return recordAlone(pending);
		}
		return batches.record(pending);
	}

	/** One check-in in its own transaction, or in the caller's. */
	Optional<Recorded> recordAlone(CheckInBatches.Pending pending) {
		return transactions.execute(status -> recordNow(pending));
	}

	private Optional<Recorded> recordNow(CheckInBatches.Pending pending) {
		NewCheckIn checkIn = pending.checkIn();
		Instant now = pending.at();
		if (checkIn.idempotencyKey() != null) {
			Optional<Recorded> earlier = byKey(checkIn);
			if (earlier.isPresent()) {
				return earlier;
			}
		}
		// Locks the client's row: two check-ins of one client reach the outbox in the order they commit. The
		// profile version read under that lock is what any alert of this check-in is decided on, at least.
		Optional<Long> profileVersion = jdbc.sql("""
				update client set last_check_in_at = greatest(last_check_in_at, ?) where id = ?
				returning profile_version""")
			.params(Timestamp.from(now), checkIn.clientId())
			.query(Long.class)
			.optional();
		if (profileVersion.isEmpty()) {
			return Optional.empty();
		}
		UUID id = UUID.randomUUID();
		String note = pending.note();
		boolean crisis = pending.crisis();
		int inserted = jdbc.sql("""
				insert into check_in (id, client_id, channel, craving, mood, used, note, crisis, received_at,
				  idempotency_key, request_hash)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing""")
			.params(id, checkIn.clientId(), checkIn.channel().name(), checkIn.craving(), checkIn.mood(), checkIn.used(),
					note, crisis, Timestamp.from(now), checkIn.idempotencyKey(),
					checkIn.idempotencyKey() == null ? null : checkIn.requestHash())
			.update();
		if (inserted == 0) {
			return byKey(checkIn);
		}
		// the note stays here, in the client's record: no consumer needs it (crisis words were read above), and
		// what is on the topic cannot be erased before its retention ends
		outbox.append(Topics.CHECKINS, CheckInReceived.of(id, checkIn.clientId().toString(), checkIn.channel(),
				checkIn.craving(), checkIn.mood(), checkIn.used(), null, crisis, now, profileVersion.get()));
		meters.counter("lantern.checkins.received", "channel", checkIn.channel().name()).increment();
		return Optional.of(new Recorded(id, true, crisis));
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

	/**
	 * The check-in stored before under the same key, if it said the same; a key reused with another check-in
	 * is refused (422), never taken for the first one.
	 */
	private Optional<Recorded> byKey(NewCheckIn checkIn) {
		return jdbc.sql("select id, crisis, request_hash from check_in where idempotency_key = ?")
			.param(checkIn.idempotencyKey())
			.query((rs, n) -> {
				sameCheckIn(checkIn, rs.getString("request_hash"));
				return new Recorded(rs.getObject("id", UUID.class), false, rs.getBoolean("crisis"));
			})
			.optional();
	}

	/** Refuses a check-in whose key was stored before with another check-in ({@code storedHash}). */
	static void sameCheckIn(NewCheckIn checkIn, String storedHash) {
		if (storedHash != null && !storedHash.equals(checkIn.requestHash())) {
			throw new UnprocessableException("Idempotency-Key",
					"was used before with a different check-in: use a new key for a new check-in");
		}
	}
}
