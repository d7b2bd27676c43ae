package app.lantern.checkin.intake;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import app.lantern.checkin.CheckinProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * A person in crisis does not wait on the database: their check-in is stored on a thread of its own, and waited for
 * at most {@code LANTERN_INTAKE_CRISIS_WAIT} (a second). A database that hangs — rather than one that is down and says
 * so at once — then leaves the caller to answer from the spool; the store goes on and, if the database answers after
 * all, the spooled copy finds it already there (the same idempotency key) and adds nothing.
 */
@Component
public class CrisisDeadline implements DisposableBean {

	/** Crises stored at once, waiting on a hung database, before a new one is answered from the spool at once. */
	private static final int MOST_AT_ONCE = 64;

	private final Duration wait;

	private final ThreadPoolExecutor stores;

	CrisisDeadline(CheckinProperties properties) {
		this.wait = properties.intake().crisisWait();
		AtomicInteger count = new AtomicInteger();
		this.stores = new ThreadPoolExecutor(0, MOST_AT_ONCE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
			Thread thread = new Thread(runnable, "crisis-store-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * What {@code store} answers, if it answers within the wait; empty when it did not (or there was no thread for
	 * it): the caller answers from the spool. A failure of {@code store} is thrown as it came.
	 */
	public <T> Optional<T> within(Callable<T> store) {
		Future<T> answer;
		try {
			answer = stores.submit(store);
		}
		catch (RejectedExecutionException allBusy) {
			return Optional.empty();
		}
		try {
			return Optional.ofNullable(answer.get(wait.toMillis(), TimeUnit.MILLISECONDS));
		}
		catch (TimeoutException hung) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
		catch (ExecutionException failed) {
			if (failed.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(failed.getCause());
		}
	}

	@Override
	public void destroy() {
		stores.shutdown();
	}
}
