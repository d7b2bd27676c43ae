package app.lantern.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system's time plus an offset that a test moves forward: time runs as it does for the services (a lease, a
 * back-off, a poll still pass), and a test that needs a due time, a grace or an escalation timeout behind it moves
 * the clock across it instead of waiting. Every service of a running platform takes its time from the one
 * instance. For a clock that stands still, {@link MutableClock}.
 */
public final class MovableClock extends Clock {

	private final Clock system = Clock.systemUTC();

	private volatile Duration offset = Duration.ZERO;

	/** Moves time forward (never back: what the services stored as past stays past). */
	public synchronized void advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("time moves forward only: " + duration);
		}
		offset = offset.plus(duration);
	}

	/** Moves time forward to {@code instant}, if it is still ahead. */
	public synchronized void advanceTo(Instant instant) {
		Duration ahead = Duration.between(instant(), instant);
		if (!ahead.isNegative()) {
			advance(ahead);
		}
	}

	/** How far this clock is ahead of the system's. */
	public Duration offset() {
		return offset;
	}

	@Override
	public Instant instant() {
		return system.instant().plus(offset);
	}

	@Override
	public long millis() {
		return instant().toEpochMilli();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	/** The same moving time, seen in {@code zone}. */
	@Override
	public Clock withZone(ZoneId zone) {
		MovableClock moving = this;
		return new Clock() {

			@Override
			public Instant instant() {
				return moving.instant();
			}

			@Override
			public ZoneId getZone() {
				return zone;
			}

			@Override
			public Clock withZone(ZoneId other) {
				return moving.withZone(other);
			}
		};
	}
}
