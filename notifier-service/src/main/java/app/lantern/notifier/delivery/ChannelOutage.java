package app.lantern.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Notices a channel that keeps failing — Twilio or the mail server down or hanging — and lets its sends wait
 * in the retry queue for a while instead of each one trying, and each one hanging for a timeout. After
 * {@code failuresInARow} failures of the channel itself it rests for {@code rest}; the first send after the
 * rest tries for real, and one success ends the outage. Permanent errors and rate limits are not the
 * channel's failures and do not count.
 */
final class ChannelOutage {

	private final int failuresInARow;

	private final Duration rest;

	private final Clock clock;

	private int failures;

	private Instant restingUntil;

	ChannelOutage(int failuresInARow, Duration rest, Clock clock) {
		this.failuresInARow = failuresInARow;
		this.rest = rest;
		this.clock = clock;
	}

	/** Whether a send may try the channel now. */
	synchronized boolean allows() {
		return restingUntil == null || !clock.instant().isBefore(restingUntil);
	}

	synchronized void succeeded() {
		failures = 0;
		restingUntil = null;
	}

	/** Returns whether this failure started (or prolonged) a rest. */
	synchronized boolean failed() {
		failures++;
		if (failures >= failuresInARow) {
			restingUntil = clock.instant().plus(rest);
			return true;
		}
		return false;
	}

	synchronized Instant restingUntil() {
		return restingUntil;
	}
}
