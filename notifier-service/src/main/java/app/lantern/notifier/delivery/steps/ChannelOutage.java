package app.lantern.notifier.delivery.steps;

import java.time.Instant;
import java.util.Optional;

/**
 * The state of one channel shared by every send thread: its failures in a row and, when {@link RetryPolicy}
 * decided it must rest, until when. The first send after the rest tries for real; one success ends it.
 */
final class ChannelOutage {

	private int failures;

	private Instant restingUntil;

	/** Until when the channel rests, if it does at {@code now}. */
	synchronized Optional<Instant> restingAt(Instant now) {
		return restingUntil != null && now.isBefore(restingUntil) ? Optional.of(restingUntil) : Optional.empty();
	}

	synchronized void succeeded() {
		failures = 0;
		restingUntil = null;
	}

	/** One more failure of the channel itself; returns the failures in a row. */
	synchronized int failed() {
		return ++failures;
	}

	synchronized int failuresInARow() {
		return failures;
	}

	synchronized void restUntil(Instant until) {
		restingUntil = until;
	}
}
