package app.lantern.checkin.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import app.lantern.checkin.CheckinProperties;
import app.lantern.checkin.intake.CheckIns.NewCheckIn;
import app.lantern.checkin.intake.CheckIns.Recorded;
import app.lantern.events.CheckInReceived;
import app.lantern.events.Topics;
import app.lantern.platform.outbox.Outbox;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for check-ins: request threads hand their check-in to a writer and wait; a writer takes every
 * check-in waiting (up to {@code LANTERN_INTAKE_BATCH_SIZE}) and stores them in one transaction — one lock
 * statement, one update, one insert, one outbox insert, one commit (one WAL flush) — then answers each request.
 * Under load batches grow by themselves; alone, a check-in is a batch of one. A request is answered only after its
 * batch has committed, so an acknowledged check-in is as durable as before.
 * <p>
 * The guarantees of {@link CheckIns#record} hold: an idempotency key is looked up first and a key seen twice in
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

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final CheckIns checkIns;

	private final MeterRegistry meters;

	private final DistributionSummary batchSizes;

	private final int writers;

	private final int batchSize;

	private final BlockingQueue<Pending> waiting;

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running;

	CheckInBatches(JdbcClient jdbc, Outbox outbox, TransactionTemplate transactions, CheckIns checkIns,
			MeterRegistry meters, CheckinProperties properties) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.transactions = transactions;
		this.checkIns = checkIns;
		this.meters = meters;
		this.writers = properties.intake().writers();
		this.batchSize = properties.intake().batchSize();
		this.waiting = new ArrayBlockingQueue<>(Math.max(1024, batchSize * writers * 8));
		this.batchSizes = DistributionSummary.builder("lantern.checkins.batch.size")
			.description("check-ins stored in one transaction")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
		checkIns.batchedBy(this);
	}

	/** Stores the check-in in the next batch and answers when that batch has committed. */
	Optional<Recorded> record(Pending pending) {
		try {
			if (!running || !waiting.offer(pending, 5, TimeUnit.SECONDS)) {
				return checkIns.recordAlone(pending);
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
		Map<Pending, Outcome> outcomes;
		try {
			outcomes = transactions.execute(status -> writeAll(batch));
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
					pending.answer().complete(checkIns.recordAlone(pending));
				}
				catch (RuntimeException ex) {
					pending.answer().completeExceptionally(ex);
				}
			}
			return;
		}
		outcomes.forEach((pending, outcome) -> {
			if (outcome.failure() != null) {
				pending.answer().completeExceptionally(outcome.failure());
				return;
			}
			if (outcome.recorded().map(Recorded::isNew).orElse(false)) {
				meters.counter("lantern.checkins.received", "channel", pending.checkIn().channel().name()).increment();
			}
			pending.answer().complete(outcome.recorded());
		});
	}

	/** No connection, or none that works: nothing in the batch can be stored now. */
	private static boolean databaseAway(RuntimeException failure) {
		return failure instanceof DataAccessResourceFailureException
				|| failure instanceof CannotCreateTransactionException;
	}

	private record Outcome(Optional<Recorded> recorded, RuntimeException failure) {

		static Outcome of(Optional<Recorded> recorded) {
			return new Outcome(recorded, null);
		}

		static Outcome failed(RuntimeException failure) {
			return new Outcome(Optional.empty(), failure);
		}
	}

	private record Earlier(UUID id, boolean crisis, String requestHash) {
	}

	/** The whole batch in the caller's transaction; each check-in's outcome, to be answered after the commit. */
	private Map<Pending, Outcome> writeAll(List<Pending> batch) {
		Map<Pending, Outcome> outcomes = new LinkedHashMap<>();
		Map<String, Earlier> earlier = earlierByKey(batch);
		Map<String, Pending> firstWithKey = new HashMap<>();
		List<Pending> fresh = new ArrayList<>();
		List<Pending> sameKeyInBatch = new ArrayList<>();
		for (Pending pending : batch) {
			String key = pending.checkIn().idempotencyKey();
			if (key != null && earlier.containsKey(key)) {
				outcomes.put(pending, answerFromEarlier(pending, earlier.get(key)));
			}
			else if (key != null && firstWithKey.putIfAbsent(key, pending) != null) {
				sameKeyInBatch.add(pending);
			}
			else {
				fresh.add(pending);
			}
		}
		Map<UUID, Long> profileVersions = lockClients(fresh);
		List<Pending> known = fresh.stream().filter(p -> profileVersions.containsKey(p.checkIn().clientId())).toList();
		fresh.stream()
			.filter(p -> !profileVersions.containsKey(p.checkIn().clientId()))
			.forEach(p -> outcomes.put(p, Outcome.of(Optional.empty())));
		touchClients(known);
		Map<Pending, UUID> ids = new LinkedHashMap<>();
		known.forEach(p -> ids.put(p, UUID.randomUUID()));
		Set<UUID> inserted = insert(ids);
		List<CheckInReceived> events = new ArrayList<>();
		List<String> traces = new ArrayList<>();
		List<Pending> lostRace = new ArrayList<>();
		ids.forEach((pending, id) -> {
			if (!inserted.contains(id)) {
				// another writer stored the same key meanwhile
				lostRace.add(pending);
				return;
			}
			NewCheckIn checkIn = pending.checkIn();
			events.add(CheckInReceived.of(id, checkIn.clientId().toString(), checkIn.channel(), checkIn.craving(),
					checkIn.mood(), checkIn.used(), null, pending.crisis(), pending.at(),
					profileVersions.get(checkIn.clientId())));
			traces.add(pending.trace());
			outcomes.put(pending, Outcome.of(Optional.of(new Recorded(id, true, pending.crisis()))));
		});
		outbox.appendAll(Topics.CHECKINS, events, traces);
		if (!lostRace.isEmpty() || !sameKeyInBatch.isEmpty()) {
			List<Pending> again = new ArrayList<>(lostRace);
			again.addAll(sameKeyInBatch);
			Map<String, Earlier> stored = earlierByKey(again);
			for (Pending pending : again) {
				Earlier first = stored.get(pending.checkIn().idempotencyKey());
				outcomes.put(pending, first != null ? answerFromEarlier(pending, first)
						: Outcome.failed(new IllegalStateException("a check-in's key was neither stored nor found")));
			}
		}
		return outcomes;
	}

	private static Outcome answerFromEarlier(Pending pending, Earlier earlier) {
		try {
			CheckIns.sameCheckIn(pending.checkIn(), earlier.requestHash());
			return Outcome.of(Optional.of(new Recorded(earlier.id(), false, earlier.crisis())));
		}
		catch (RuntimeException refused) {
			return Outcome.failed(refused);
		}
	}

	private Map<String, Earlier> earlierByKey(List<Pending> batch) {
		String[] keys = batch.stream()
			.map(p -> p.checkIn().idempotencyKey())
			.filter(java.util.Objects::nonNull)
			.distinct()
			.toArray(String[]::new);
		if (keys.length == 0) {
			return Map.of();
		}
		Map<String, Earlier> found = new HashMap<>();
		jdbc.sql("select idempotency_key, id, crisis, request_hash from check_in where idempotency_key = any(?::text[])")
			.param(keys)
			.query(rs -> {
				found.put(rs.getString("idempotency_key"), new Earlier(rs.getObject("id", UUID.class),
						rs.getBoolean("crisis"), rs.getString("request_hash")));
			});
		return found;
	}

	/**
	 * Locks the clients' rows in id order (the order every writer takes them in) and reads the profile version
	 * any alert of these check-ins is decided on, at least.
	 */
	private Map<UUID, Long> lockClients(List<Pending> batch) {
		String[] clients = batch.stream()
			.map(p -> p.checkIn().clientId().toString())
			.distinct()
			.sorted()
			.toArray(String[]::new);
		Map<UUID, Long> versions = new HashMap<>();
		if (clients.length > 0) {
			jdbc.sql("select id, profile_version from client where id = any(?::text[]::uuid[]) order by id for update")
				.param(clients)
				.query(rs -> {
					versions.put(rs.getObject("id", UUID.class), rs.getLong("profile_version"));
				});
		}
		return versions;
	}

	private void touchClients(List<Pending> batch) {
		Map<UUID, Instant> latest = new TreeMap<>();
		batch.forEach(p -> latest.merge(p.checkIn().clientId(), p.at(), (a, b) -> a.isAfter(b) ? a : b));
		if (latest.isEmpty()) {
			return;
		}
		jdbc.sql("""
				update client c set last_check_in_at = greatest(c.last_check_in_at, v.at)
				from unnest(?::text[]::uuid[], ?::text[]::timestamptz[]) as v(id, at) where c.id = v.id""")
			.params(column(latest.keySet(), UUID::toString), column(latest.values(), Instant::toString))
			.update();
	}

	private Set<UUID> insert(Map<Pending, UUID> ids) {
		Set<UUID> inserted = new HashSet<>();
		if (ids.isEmpty()) {
			return inserted;
		}
		List<Pending> rows = new ArrayList<>(ids.keySet());
		jdbc.sql("""
				insert into check_in (id, client_id, channel, craving, mood, used, note, crisis, received_at,
				  idempotency_key, request_hash)
				select * from unnest(?::text[]::uuid[], ?::text[]::uuid[], ?::text[], ?::text[]::int[], ?::text[]::int[],
				  ?::text[]::boolean[], ?::text[], ?::text[]::boolean[], ?::text[]::timestamptz[], ?::text[], ?::text[])
				on conflict (idempotency_key) do nothing
				returning id""")
			.params(column(rows, p -> ids.get(p).toString()), column(rows, p -> p.checkIn().clientId().toString()),
					column(rows, p -> p.checkIn().channel().name()), column(rows, p -> text(p.checkIn().craving())),
					column(rows, p -> text(p.checkIn().mood())), column(rows, p -> String.valueOf(p.checkIn().used())),
					column(rows, Pending::note), column(rows, p -> String.valueOf(p.crisis())),
					column(rows, p -> p.at().toString()), column(rows, p -> p.checkIn().idempotencyKey()),
					column(rows, p -> p.checkIn().idempotencyKey() == null ? null : p.checkIn().requestHash()))
			.query((rs, n) -> rs.getObject("id", UUID.class))
			.list()
			.forEach(inserted::add);
		return inserted;
	}

	private static <T> String[] column(java.util.Collection<T> rows, Function<T, String> value) {
		return rows.stream().map(value).toArray(String[]::new);
	}

	private static String text(Integer value) {
		return value == null ? null : value.toString();
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
