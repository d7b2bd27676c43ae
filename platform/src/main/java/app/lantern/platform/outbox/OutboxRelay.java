package app.lantern.platform.outbox;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Publishes the outbox to Kafka in id order, one batch at a time, from one thread; across instances a
 * PostgreSQL advisory lock lets only one relay publish at once. Rows are deleted only after Kafka
 * acknowledged them and every row before them, so a failure mid-batch re-sends from the first unacknowledged
 * row: a duplicate is possible (consumers drop repeated event ids), a gap or a reordering of one client's
 * events is not.
 */

public class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final Duration IDLE_POLL = Duration.ofMillis(500);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private final OutboxBatches batches;

	private final Semaphore signal = new Semaphore(0);

	private final Counter failures;

	private volatile boolean running;

	private Thread worker;

	private final Duration idlePoll;

	public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
			MeterRegistry meters) {
		this(jdbc, transactions, kafka, meters, IDLE_POLL);
	}

	/** {@code idlePoll}: how long an idle relay waits for a wake-up before it looks at the outbox anyway. */
	OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
			MeterRegistry meters, Duration idlePoll) {
		this.idlePoll = idlePoll;
		this.jdbc = jdbc;
		this.batches = new OutboxBatches(jdbc, transactions, kafka, meters);
		this.failures = Counter.builder("lantern.outbox.failures").register(meters);
		Gauge.builder("lantern.outbox.pending", this, OutboxRelay::pending).register(meters);
	}

	public void wakeUp() {
		signal.release();
	}

	@Override
	public void start() {
		running = true;
		worker = new Thread(this::run, "outbox-relay");
		worker.setDaemon(true);
		worker.start();
	}

	@Override
	public void stop() {
		running = false;
		signal.release();
		try {
			worker.join(Duration.ofSeconds(20).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void run() {
		BackOffExecution backoff = backOff().start();
		while (running) {
			try {
				// wake-ups before this batch's read are answered by it; one that comes while the batch is being
				// published stays, so a row committed meanwhile goes at once instead of after the idle poll
				signal.drainPermits();
				int count = publishBatch();
				backoff = backOff().start();
				if (count < OutboxBatches.BATCH) {
					signal.tryAcquire(idlePoll.toMillis(), TimeUnit.MILLISECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				failures.increment();
				long wait = backoff.nextBackOff();
				log.warn("Outbox relay could not publish; retrying in {} ms: {}", wait, ex.toString());
				sleep(Duration.ofMillis(wait));
			}
		}
	}

	/** Publishes up to one batch; returns how many rows were done with (published, or parked). */
	public int publishBatch() {
		return batches.publishOne();
	}

	/** 100 ms doubling to {@code MAX_BACKOFF}, for as long as it takes: nothing in the outbox is ever dropped. */
	private static BackOff backOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(100, 2.0);
		backOff.setMaxInterval(MAX_BACKOFF.toMillis());
		return backOff;
	}

	private long pending() {
		try {
			return jdbc.sql("select count(*) from outbox").query(Long.class).single();
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
