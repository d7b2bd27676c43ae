package app.lantern.alert.time;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The deadline index: keys are the instant (8 bytes, big-endian millis, so byte order is time order), a kind
 * and the client id; a range scan up to now finds exactly what is due, at a cost in proportion to that, not
 * to the number of clients. Entries are deleted explicitly when they fire or are replaced.
 */
public final class Timers {

	private final KeyValueStore<Bytes, String> store;

	public Timers(KeyValueStore<Bytes, String> store) {
		this.store = store;
	}

	/** A timer due at {@code at}; {@code escalation} is set for (and only for) an escalation timer. */
	public record Timer(Instant at, TimerKind kind, String clientId, EscalationStep escalation) {

		/** Its place in the index: a scan cut short goes on from here. */
		public Bytes position() {
			return key(at, kind, clientId);
		}
	}

	public void add(Instant at, TimerKind kind, String clientId) {
		if (kind == TimerKind.ESCALATION) {
			throw new IllegalArgumentException("an escalation timer needs its step");
		}
		store.put(key(at, kind, clientId), "");
	}

	public void addEscalation(Instant at, String clientId, EscalationStep step) {
		store.put(key(at, TimerKind.ESCALATION, clientId), step.encode());
	}

	public void remove(Instant at, TimerKind kind, String clientId) {
		if (at != null) {
			store.delete(key(at, kind, clientId));
		}
	}

	/** Up to {@code limit} timers due at or before {@code now}, earliest first. */
	public List<Timer> due(Instant now, int limit) {
		return due(null, now, limit);
	}

	/**
	 * Up to {@code limit} timers due at or before {@code now}, earliest first, from {@code from} (a timer's
	 * {@link Timer#position()}; null: from the start). A scan that goes on from where it stopped does not read
	 * again past the timers it already removed (their tombstones, until the store compacts them away).
	 */
	public List<Timer> due(Bytes from, Instant now, int limit) {
		List<Timer> due = new ArrayList<>();
		if (from == null) {
			from = Bytes.wrap(ByteBuffer.allocate(8).putLong(0).array());
		}
		Bytes to = Bytes.wrap(ByteBuffer.allocate(8).putLong(now.toEpochMilli() + 1).array());
		try (KeyValueIterator<Bytes, String> range = store.range(from, to)) {
			while (range.hasNext() && due.size() < limit) {
				KeyValue<Bytes, String> entry = range.next();
				Timer timer = parse(entry.key, entry.value);
				if (!timer.at().isAfter(now)) {
					due.add(timer);
				}
			}
		}
		return due;
	}

	static Bytes key(Instant at, TimerKind kind, String clientId) {
		byte[] client = clientId.getBytes(StandardCharsets.UTF_8);
		return Bytes.wrap(ByteBuffer.allocate(9 + client.length)
			.putLong(at.toEpochMilli())
			.put(kind.code())
			.put(client)
			.array());
	}

	private static Timer parse(Bytes key, String payload) {
		ByteBuffer buffer = ByteBuffer.wrap(key.get());
		Instant at = Instant.ofEpochMilli(buffer.getLong());
		TimerKind kind = TimerKind.of(buffer.get());
		byte[] client = new byte[buffer.remaining()];
		buffer.get(client);
		EscalationStep step = kind == TimerKind.ESCALATION ? EscalationStep.decode(payload) : null;
		return new Timer(at, kind, new String(client, StandardCharsets.UTF_8), step);
	}
}
