package app.lantern.notifier.delivery.steps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import app.lantern.events.ContactChannel;
import app.lantern.notifier.delivery.PendingSend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded pool of send threads per channel, so that no channel can hang another: a mail server that accepts
 * connections and never answers holds the e-mail threads only, while SMS go on. Each pool has a bounded
 * queue; a send that finds it full is not taken, and waits in the delivery log instead.
 */
public final class ChannelSenders implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ChannelSenders.class);

	/** A send handed to a channel's threads; what never started at shutdown goes back to the queue. */
	record Send(PendingSend pending, Runnable work) implements Runnable {

		@Override
		public void run() {
			work.run();
		}
	}

	private final Map<ContactChannel, ThreadPoolExecutor> pools = new EnumMap<>(ContactChannel.class);

	private final long waitForRoomMillis;

	/** The caller is waiting for room in a full queue, for at most this long (then it is told no). */
	private static final ThreadLocal<Boolean> MAY_WAIT = ThreadLocal.withInitial(() -> false);

	public ChannelSenders(Map<ContactChannel, Integer> threads, int queued, Duration waitForRoom) {
		this.waitForRoomMillis = waitForRoom.toMillis();
		threads.forEach((channel, size) -> {
			AtomicInteger count = new AtomicInteger();
			var pool = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queued),
					runnable -> {
						Thread thread = new Thread(runnable, "send-" + channel.name().toLowerCase() + "-"
								+ count.incrementAndGet());
						thread.setDaemon(true);
						return thread;
					}, this::waitForRoom);
			pools.put(channel, pool);
		});
	}

	/**
	 * Hands the send to its channel's threads. When they are all busy and the queue is full, waits for room for
	 * a moment if {@code mayWait} (the caller slows down, as a consumer should when its sends cannot keep up), and
	 * then says false: the send waits in the delivery log instead. A hung channel costs its callers that moment
	 * once per batch, never more (see {@link DeliveryPipeline}).
	 */
	boolean offer(PendingSend pending, Runnable work, boolean mayWait) {
		MAY_WAIT.set(mayWait);
		try {
			pools.get(pending.claim().channel()).execute(new Send(pending, work));
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
		finally {
			MAY_WAIT.remove();
		}
	}

	private void waitForRoom(Runnable task, ThreadPoolExecutor pool) {
		try {
			if (pool.isShutdown() || !MAY_WAIT.get()
					|| !pool.getQueue().offer(task, waitForRoomMillis, TimeUnit.MILLISECONDS)) {
				throw new RejectedExecutionException("no room on the channel's send threads");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RejectedExecutionException(ex);
		}
	}

	/** Sends waiting for a thread of this channel, for the metrics. */
	public int queued(ContactChannel channel) {
		return pools.get(channel).getQueue().size();
	}

	/**
	 * Sends in flight finish and are recorded before the database goes; after 30 s what never started is
	 * returned, to be put back in the queue for another instance.
	 */
	List<PendingSend> closeAndReturnUnstarted() throws InterruptedException {
		pools.values().forEach(ThreadPoolExecutor::shutdown);
		List<PendingSend> unstarted = new ArrayList<>();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		for (ThreadPoolExecutor pool : pools.values()) {
			if (!pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				for (Runnable never : pool.shutdownNow()) {
					unstarted.add(((Send) never).pending());
				}
				log.warn("Sends still in flight after 30 s at shutdown; another instance takes them when their lease "
						+ "ends, asking the channel first");
			}
		}
		return unstarted;
	}

	@Override
	public void close() throws InterruptedException {
		closeAndReturnUnstarted();
	}
}
