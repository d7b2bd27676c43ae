package app.lantern.checkin.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import app.lantern.checkin.CheckinProperties;
import app.lantern.checkin.intake.CheckIns.NewCheckIn;
import app.lantern.checkin.intake.CheckIns.Recorded;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for check-ins: request threads hand their check-in to a writer and wait; a writer takes every
 * check-in waiting (up to {@code LANTERN_INTAKE_BATCH_SIZE}) and stores them in one transaction — one lock
 * statement, one update, one insert, one outbox insert, one commit (one WAL flush) — then answers each request.
 * Under load batches grow by themselves; alone, a check-in is a batch of one. A request is answered only after its
 * batch has committed, so an acknowledged check-in is as durable as before.
 * <p>
 * It owns every way a check-in is written: in a batch, alone (a batch that failed, a caller's own transaction, the
 * writers not running), and the count of what was new. The guarantees of {@link CheckIns#record} hold: an idempotency key is looked up first and a key seen twice in
 * one batch is one check-in; client rows are locked in id order (two writers never deadlock, and a client's
 * check-ins reach the outbox in commit order); a batch that fails is written again one check-in at a time, so a
 * check-in that cannot be stored never takes the others with it — unless the database is away, when every
 * check-in of the batch is answered with that at once (503; a crisis from the page goes to the spool).
 */
@Component
class CheckInBatches implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CheckInBatches.class);

	/** A check-in waiting for its batch, with what its request thread already worked out. */
	record Pending(NewCheckIn checkIn, Instant at, String note, boolean crisis, String trace,
			CompletableFuture<Optional<Recorded>> answer) {
	}

	private final CheckInBatch inOneTransaction;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	private final DistributionSummary batchSizes;

	private final int writers;

	private final int batchSize;

	private final BlockingQueue<Pending> waiting;

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running;

	CheckInBatches(CheckInBatch inOneTransaction, TransactionTemplate transactions, MeterRegistry meters,
			CheckinProperties properties) {
		this.inOneTransaction = inOneTransaction;
		this.transactions = transactions;
		this.meters = meters;
		this.writers = properties.intake().writers();
		this.batchSize = properties.intake().batchSize();
		this.waiting = new ArrayBlockingQueue<>(Math.max(1024, batchSize * writers * 8));
		this.batchSizes = DistributionSummary.builder("lantern.checkins.batch.size")
			.description("check-ins stored in one transaction")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
	}

	/**
	 * Stores the check-in in the next batch and answers when that batch has committed; inside a caller's
	 * transaction, in that transaction; before the writers start or after they stop, or when they are too far
	 * behind to take it, alone.
	 */
	Optional<Recorded> record(Pending pending) {
		try {
			if (TransactionSynchronizationManager.isActualTransactionActive() || !running
					|| !waiting.offer(pending, 5, TimeUnit.SECONDS)) {
				return alone(pending);
			}
			return pending.answer().get(60, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientDataAccessResourceException("interrupted while the check-in was stored", ex);
		}
		catch (TimeoutException ex) {
			// the batch may still commit: a retry under the same idempotency key finds it
			throw new TransientDataAccessResourceException("the check-in was not stored within 60 s", ex);
		}
	}

	private void write() {
		List<Pending> batch = new ArrayList<>(batchSize);
		while (running || !waiting.isEmpty()) {
			try {
				Pending first = waiting.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				waiting.drainTo(batch, batchSize - 1);
				write(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException | Error ex) {
				// never leave a request waiting for a writer that died
				batch.forEach(pending -> pending.answer().completeExceptionally(ex));
				log.error("A batch of check-ins failed", ex);
			}
			finally {
				batch.clear();
			}
		}
	}

	private void write(List<Pending> batch) {
		batchSizes.record(batch.size());
		Map<Pending, CheckInBatch.Outcome> outcomes;
		try {
			outcomes = transactions.execute(status -> inOneTransaction.store(batch));
		}
		catch (RuntimeException failed) {
			if (databaseAway(failed)) {
				// every one of them would wait out the connection timeout again: all are answered now (503, or
				// the crisis spool for a crisis from the page)
				batch.forEach(pending -> pending.answer().completeExceptionally(failed));
				return;
			}
			// one at a time: a check-in that cannot be stored must not take the others with it
			log.debug("A batch of {} check-ins failed; storing them one at a time", batch.size(), failed);
			for (Pending pending : batch) {
				try {
					pending.answer().complete(alone(pending));
				}
				catch (RuntimeException ex) {
					pending.answer().completeExceptionally(ex);
				}
			}
			return;
		}
		outcomes.forEach((pending, outcome) -> {
			try {
				pending.answer().complete(counted(pending, outcome.answer()));
			}
			catch (RuntimeException refused) {
				pending.answer().completeExceptionally(refused);
			}
		});
	}

	/** One check-in in a transaction of its own, or in the caller's. */
	private Optional<Recorded> alone(Pending pending) {
		CheckInBatch.Outcome outcome = transactions.execute(status -> inOneTransaction.store(List.of(pending)).get(pending));
		return counted(pending, outcome.answer());
	}

	/** Counts a check-in stored for the first time, by channel; returns what it was given. */
	private Optional<Recorded> counted(Pending pending, Optional<Recorded> recorded) {
		if (recorded.map(Recorded::isNew).orElse(false)) {
			// the programme is a label (a team's board), never the client
			String programme = recorded.map(Recorded::programme).orElse(null);
			meters.counter("lantern.checkins.received", "channel", pending.checkIn().channel().name(), "programme",
					programme == null ? "default" : programme).increment();
		}
		return recorded;
	}

	/** No connection, or none that works: nothing in the batch can be stored now. */
	private static boolean databaseAway(RuntimeException failure) {
		return failure instanceof DataAccessResourceFailureException
				|| failure instanceof CannotCreateTransactionException;
	}

	@Override
	public void start() {
		running = true;
		for (int i = 1; i <= writers; i++) {
			Thread thread = new Thread(this::write, "check-in-writer-" + i);
			thread.setDaemon(true);
			thread.start();
			threads.add(thread);
		}
	}

	/** New check-ins are written one at a time from here on; the writers finish every check-in already waiting. */
	@Override
	public void stop() {
		running = false;
		for (Thread thread : threads) {
			try {
				thread.join(TimeUnit.SECONDS.toMillis(30));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		threads.clear();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Stops after the web server (a lower phase stops later): its last requests' check-ins are still written. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}
}
