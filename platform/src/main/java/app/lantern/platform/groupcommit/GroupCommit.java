package app.lantern.platform.groupcommit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes that many threads make one at a time, written together: a caller hands its item to {@link #write} and
 * waits until the batch that holds it is committed, or has failed (then the caller gets the failure, as if it had
 * written alone). A few writer threads each take whatever is waiting when they are free, so under load a batch holds
 * everything that arrived during the last commit, and alone an item is written at once: nothing waits for company.
 * <p>
 * The writer {@code writeAll} must be atomic (one statement, or one transaction): a batch is committed whole or not at
 * all, and one bad item fails its batch. After {@link #close} (writers finish what is queued first), a write is
 * made on the caller's own thread.
 */
public final class GroupCommit<T> implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	private record Waiting<T>(T item, CompletableFuture<Void> done) {
	}

	private final BlockingQueue<Waiting<T>> queue = new LinkedBlockingQueue<>();

	private final Consumer<List<T>> writeAll;

	private final int largest;

	private final DistributionSummary sizes;

	private final List<Thread> writers = new ArrayList<>();

	private volatile boolean closed;

	/**
	 * @param name what is written, for the writers' thread names and the batch-size metric's tag
	 * @param writers batches written at once (each on a connection of its own)
	 * @param largest the most items in one batch
	 */
	public GroupCommit(String name, int writers, int largest, Consumer<List<T>> writeAll, MeterRegistry meters) {
		this.writeAll = writeAll;
		this.largest = largest;
		this.sizes = DistributionSummary.builder("lantern.group.commit.size")
			.description("items written in one commit")
			.tag("writes", name)
			.register(meters);
		for (int i = 1; i <= writers; i++) {
			Thread writer = new Thread(this::writeWhatWaits, "group-commit-" + name + "-" + i);
			writer.setDaemon(true);
			this.writers.add(writer);
			writer.start();
		}
	}

	/** Writes the item with whatever else is waiting; returns once it is committed, throws what the write threw. */
	public void write(T item) {
		Waiting<T> waiting = new Waiting<>(item, new CompletableFuture<>());
		boolean queued;
		synchronized (this) {
			// writers stop only when closed with nothing queued: what is queued here is written
			queued = !closed;
			if (queued) {
				queue.add(waiting);
			}
		}
		if (!queued) {
			writeAll.accept(List.of(item));
			return;
		}
		try {
			waiting.done().get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while its write was being committed", ex);
		}
	}

	/** Writes waiting for a writer. */
	int waiting() {
		return queue.size();
	}

	private void writeWhatWaits() {
		List<Waiting<T>> batch = new ArrayList<>(largest);
		while (true) {
			Waiting<T> first;
			try {
				first = queue.poll(100, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				first = null;
			}
			if (first == null) {
				if (closed && queue.isEmpty()) {
					return;
				}
				continue;
			}
			batch.add(first);
			queue.drainTo(batch, largest - 1);
			try {
				writeAll.accept(batch.stream().map(Waiting::item).toList());
				sizes.record(batch.size());
				batch.forEach(waiting -> waiting.done().complete(null));
			}
			catch (Throwable failure) {
				batch.forEach(waiting -> waiting.done().completeExceptionally(failure));
				if (failure instanceof Error) {
					// the writer goes on: a thread that died would leave every later caller waiting
					log.error("A group commit's writer failed", failure);
				}
			}
			batch.clear();
		}
	}

	/** Writers finish what is queued (at most {@code wait}), then stop; later writes are made on their callers' threads. */
	public void close(Duration wait) throws InterruptedException {
		synchronized (this) {
			closed = true;
		}
		long deadline = System.nanoTime() + wait.toNanos();
		for (Thread writer : writers) {
			writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
		}
	}

	@Override
	public void close() throws InterruptedException {
		close(Duration.ofSeconds(30));
	}
}
