package app.lantern.alert.time;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.common.utils.Bytes;

/**
 * One task's scan of the deadline index, worked off in slices: a slice handles the timers due, earliest first,
 * until the most one scan handles or its time is up, and the next slice goes on where it stopped — so a burst of
 * deadlines (a whole programme due at 09:00) never keeps the records waiting behind it (a crisis) for long.
 * Each timer is deleted from the index before it fires.
 */
public final class DeadlineScan {

	/** What one slice did: how many timers it handled, and whether more were left due. */
	public record Slice(int handled, boolean cutShort) {
	}

	/** Timers read from the index at a time, between two looks at the time spent (about 6 ms of work). */
	private static final int CHUNK = 64;

	private final Timers timers;

	private final int maxTimers;

	private final long budgetNanos;

	/** Where the slice cut short goes on (the last timer it read), or null: from the start of the index. */
	private Bytes resumeAt;

	public DeadlineScan(Timers timers, int maxTimers, Duration maxScanTime) {
		this.timers = timers;
		this.maxTimers = maxTimers;
		this.budgetNanos = maxScanTime.toNanos();
	}

	/**
	 * Fires the timers due by {@code now}, earliest first, up to the limit or until the slice's time is up
	 * ({@code startedNanos} plus the longest scan). Goes on where the last slice stopped, unless {@code fromStart}
	 * (the regular scan, once an interval). A timer can set another that is already due (after downtime, the next
	 * deadline may have passed too): those are fired in the same way, so every deadline that passed while the
	 * service was down fires once.
	 */
	public Slice run(Instant now, long startedNanos, boolean fromStart, Consumer<Timers.Timer> fire) {
		if (fromStart) {
			resumeAt = null;
		}
		int handled = 0;
		while (handled < maxTimers) {
			if (handled > 0 && System.nanoTime() - startedNanos >= budgetNanos) {
				return cutShort(now, handled);
			}
			List<Timers.Timer> due = timers.due(resumeAt, now, Math.min(CHUNK, maxTimers - handled));
			if (due.isEmpty()) {
				resumeAt = null;
				return new Slice(handled, false);
			}
			// a timer a timer sets is due later than the one that set it; one set behind this position by a record
			// judged between two slices (rare: a late schedule change) is found by the next scan from the start
			resumeAt = due.get(due.size() - 1).position();
			for (Timers.Timer timer : due) {
				timers.remove(timer.at(), timer.kind(), timer.clientId());
				fire.accept(timer);
			}
			handled += due.size();
		}
		return cutShort(now, handled);
	}

	private Slice cutShort(Instant now, int handled) {
		boolean more = !timers.due(resumeAt, now, 1).isEmpty();
		if (!more) {
			resumeAt = null;
		}
		return new Slice(handled, more);
	}
}
