package app.lantern.alert.history;

import java.util.Optional;

import app.lantern.events.CheckInReceived;
import org.apache.kafka.streams.state.KeyValueStore;

/** The check-ins the trend rules read, per client; also how a check-in delivered twice is recognised. */
public final class CheckInHistory {

	private final KeyValueStore<String, RecentCheckIns> store;

	public CheckInHistory(KeyValueStore<String, RecentCheckIns> store) {
		this.store = store;
	}

	/**
	 * Records {@code checkIn} and answers the check-ins before it, newest first; empty when this check-in
	 * was seen before (the outbox may deliver twice).
	 */
	public Optional<RecentCheckIns> record(CheckInReceived checkIn) {
		RecentCheckIns before = store.get(checkIn.clientId());
		before = before == null ? RecentCheckIns.NONE : before;
		if (before.contains(checkIn.checkInId())) {
			return Optional.empty();
		}
		store.put(checkIn.clientId(), before.with(checkIn.checkInId(), checkIn.craving()));
		return Optional.of(before);
	}

	public void forget(String clientId) {
		store.delete(clientId);
	}
}
