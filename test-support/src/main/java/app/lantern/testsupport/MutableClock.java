package app.lantern.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** A clock a test moves by hand: time is the outside world, so tests own it. */
public final class MutableClock extends Clock {

	private volatile Instant now;

	public MutableClock(Instant start) {
		this.now = start;
	}

	public static MutableClock startingNow() {
		// whole milliseconds: PostgreSQL keeps microseconds and rounds, so a frozen clock must not carry nanos
		return new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
	}

	public void advance(Duration duration) {
		now = now.plus(duration);
	}

	/** Sets the time, to whole milliseconds for the same reason as {@link #startingNow()}. */
	public void set(Instant instant) {
		now = instant.truncatedTo(ChronoUnit.MILLIS);
	}

	@Override
	public Instant instant() {
		return now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}
}
