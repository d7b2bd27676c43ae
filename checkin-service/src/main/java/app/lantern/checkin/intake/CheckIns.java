package app.lantern.checkin.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import app.lantern.events.CheckInChannel;
import app.lantern.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Check-ins, the one way in: every channel (the API, the client's page, an SMS, a crisis from the spool) records
 * here — once per idempotency key, durable before acknowledged, in order per client — and reads them back.
 */
@Service
public class CheckIns {

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final Clock clock;

	private final CrisisVocabulary crisisWords;

	private final CheckInBatches batches;

	CheckIns(JdbcClient jdbc, Outbox outbox, Clock clock, CrisisVocabulary crisisWords, CheckInBatches batches) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.clock = clock;
		this.crisisWords = crisisWords;
		this.batches = batches;
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
				return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
					.digest(said.getBytes(StandardCharsets.UTF_8)));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	/** {@code programme}: the client's, when the check-in was stored now (null for one stored before). */
	public record Recorded(UUID id, boolean isNew, boolean crisis, String programme) {

		public Recorded(UUID id, boolean isNew, boolean crisis) {
			this(id, isNew, crisis, null);
		}
	}

	public record CheckInView(UUID id, String channel, Integer craving, Integer mood, boolean used, String note,
			boolean crisis, Instant receivedAt) {
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
		// words of crisis in a note make it a crisis, whichever way the check-in came: an SMS was read whole with its
		// client's programme's words before it came here; a page's or the API's note with any programme's
		boolean crisis = checkIn.crisis() || (checkIn.channel() != CheckInChannel.SMS && crisisWords.foundIn(note));
		return batches.record(new CheckInBatches.Pending(checkIn, now, note, crisis, outbox.currentTrace(),
				new CompletableFuture<>()));
	}

	/** When each of the client's check-ins since {@code since} came, oldest first. */
	public List<Instant> receivedSince(UUID clientId, Instant since) {
		return jdbc.sql("select received_at from check_in where client_id = ? and received_at > ? order by received_at")
			.params(clientId, Timestamp.from(since))
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
