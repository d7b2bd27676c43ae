package app.lantern.platform.outbox;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import app.lantern.platform.tracing.TraceParent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One batch of the outbox, in one transaction under the relay's advisory lock: sent in id order, deleted once
 * Kafka acknowledged it and every row before it. A row Kafka can never take is parked in {@code outbox_parked}
 * with its reason, so the rows behind it go on.
 */
final class OutboxBatches {

	private static final Logger log = LoggerFactory.getLogger(OutboxBatches.class);

	static final int BATCH = 500;

	private static final long ADVISORY_LOCK = 0x4c616e7465726eL; // "Lantern"

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final KafkaTemplate<String, String> kafka;

	private final Counter published;

	private final Counter parked;

	OutboxBatches(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
			MeterRegistry meters) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kafka = kafka;
		this.published = Counter.builder("lantern.outbox.published").register(meters);
		this.parked = Counter.builder("lantern.outbox.parked")
			.description("outbox rows Kafka can never take, moved to outbox_parked so the rest go on")
			.register(meters);
	}

	/** Publishes up to one batch in one transaction; returns how many rows were done with (published, or parked). */
	int publishOne() {
		Integer count = transactions.execute(status -> {
			boolean mine = jdbc.sql("select pg_try_advisory_xact_lock(?)").param(ADVISORY_LOCK).query(Boolean.class)
				.single();
			if (!mine) {
				return 0;
			}
			List<Row> rows = jdbc.sql("select id, topic, message_key, payload, created_at, trace_parent from outbox order by id limit ?")
				.param(BATCH)
				.query(Row.class)
				.list();
			if (rows.isEmpty()) {
				return 0;
			}
			List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(rows.size());
			for (Row row : rows) {
				CompletableFuture<SendResult<String, String>> send;
				try {
					ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.messageKey(), row.payload());
					TraceParent.set(record.headers(), row.traceParent());
					send = kafka.send(record);
				}
				catch (RuntimeException refusedAtOnce) {
					// the producer refuses some records before sending (too large): the same as a failed answer
					send = CompletableFuture.failedFuture(refusedAtOnce);
				}
				sends.add(send);
				if (send.isCompletedExceptionally() && neverPublishable(failureOf(send)) == null) {
					// refused before it went (no metadata for the topic within max.block.ms: a broker away): nothing
					// behind it is sent now, or it would reach Kafka before this row, and again with the next round
					break;
				}
			}
			// sent now, not after linger.ms: the batch is all there is, and every event's path waits on it
			kafka.flush();
			List<Long> acknowledged = new ArrayList<>(rows.size());
			RuntimeException failure = null;
			// every send's answer, even past a failure: a row Kafka took is done with (deleted), or the next round
			// would publish it twice
			for (int i = 0; i < sends.size(); i++) {
				try {
					sends.get(i).get(30, TimeUnit.SECONDS);
					acknowledged.add(rows.get(i).id());
				}
				catch (ExecutionException ex) {
					Throwable permanent = neverPublishable(ex.getCause());
					if (permanent != null) {
						park(rows.get(i), permanent);
						acknowledged.add(rows.get(i).id());
					}
					else if (failure == null) {
						failure = new IllegalStateException("Kafka did not acknowledge outbox row " + rows.get(i).id(), ex);
					}
				}
				catch (TimeoutException ex) {
					if (failure == null) {
						failure = new IllegalStateException("Kafka did not acknowledge outbox row " + rows.get(i).id(), ex);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					failure = new IllegalStateException("interrupted", ex);
					break;
				}
			}
			if (!acknowledged.isEmpty()) {
				jdbc.sql("delete from outbox where id = any(?)").param(acknowledged.toArray(Long[]::new)).update();
				published.increment(acknowledged.size());
			}
			if (failure != null && acknowledged.isEmpty()) {
				throw failure;
			}
			return acknowledged.size();
		});
		return count == null ? 0 : count;
	}

	private static Throwable failureOf(CompletableFuture<?> failed) {
		try {
			failed.getNow(null);
			return null;
		}
		catch (CompletionException ex) {
			return ex.getCause();
		}
		catch (CancellationException ex) {
			return ex;
		}
	}

	/**
	 * A row Kafka will refuse however often it is sent: too large for the broker or the producer, an invalid
	 * topic; returns that cause, or null when anything else failed (a broker away, a timeout, a leader moving),
	 * which may succeed later and is retried.
	 */
	static Throwable neverPublishable(Throwable failure) {
		Throwable cause = failure;
		while (cause != null) {
			if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
					|| cause instanceof InvalidTopicException || cause instanceof SerializationException) {
				return cause;
			}
			cause = cause.getCause();
		}
		return null;
	}

	/** Moves the row aside with the reason, in the batch's transaction, so the rows behind it go on. */
	private void park(Row row, Throwable reason) {
		jdbc.sql("""
				insert into outbox_parked (id, topic, message_key, payload, created_at, reason)
				values (?, ?, ?, ?, ?, ?) on conflict (id) do nothing""")
			.params(row.id(), row.topic(), row.messageKey(), row.payload(), row.createdAt(),
					reason.getClass().getName() + ": " + reason.getMessage())
			.update();
		parked.increment();
		log.error("Outbox row {} for {} can never be published ({}): parked in outbox_parked, the rest go on",
				row.id(), row.topic(), reason.getClass().getSimpleName());
	}

	record Row(long id, String topic, String messageKey, String payload, Timestamp createdAt, String traceParent) {
	}
}
