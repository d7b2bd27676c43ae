package app.lantern.notifier.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded pool for sends: a channel answers in tens or hundreds of milliseconds, and one at a time would cap
 * a partition at a few messages a second. {@link #runAll} returns when every item is done, so a poll is
 * committed only after its sends are recorded.
 */
final class SideBySide implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SideBySide.class);

	private final ExecutorService pool;

	SideBySide(int threads, String prefix) {
		AtomicInteger count = new AtomicInteger();
		this.pool = Executors.newFixedThreadPool(threads, runnable -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Runs {@code action} on each item, at most the pool's size at once; rethrows the first failure. */
	<T> void runAll(List<T> items, Consumer<T> action) {
		if (items.size() == 1) {
			action.accept(items.get(0));
			return;
		}
		List<Future<?>> running = new ArrayList<>(items.size());
		for (T item : items) {
			running.add(pool.submit(() -> action.accept(item)));
		}
		RuntimeException first = null;
		for (Future<?> one : running) {
			try {
				one.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while sends were in flight", ex);
			}
			catch (ExecutionException ex) {
				if (first == null) {
					first = ex.getCause() instanceof RuntimeException runtime ? runtime
							: new IllegalStateException(ex.getCause());
				}
			}
		}
		if (first != null) {
			throw first;
		}
	}

	/** Sends in flight finish and are recorded before the database goes. */
	@Override
	public void close() throws InterruptedException {
		pool.shutdown();
		if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
			log.warn("Sends still in flight after 30 s at shutdown; they are sent again after the restart");
			pool.shutdownNow();
		}
	}
}
