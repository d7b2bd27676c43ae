package app.lantern.checkin.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import app.lantern.platform.FailureKind;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail's hash chain (see the V37 migration): made after each line's transaction commits, by one linker
 * at a time appending a link per queued line in id order — the SHA-256 of the link before and of the line's bytes as
 * the database renders them — and walked by {@link #verify}. Writers never wait on one another for it: a line is only
 * queued in its own transaction, and linked within about a second of its commit.
 */
@Component
class AuditChain {

	private static final Logger log = LoggerFactory.getLogger(AuditChain.class);

	/** The advisory lock the linker holds for its transaction: one linker at a time across instances. */
	private static final long LINKER = 727001;

	private static final int MOST_AT_ONCE = 5_000;

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final TransactionTemplate transactions;

	AuditChain(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.transactions = transactions;
	}

	/**
	 * {@code lantern.audit.unlinked.oldest.seconds}: how long the oldest line not linked yet has waited (0: none), read
	 * at each scrape — a linker that cannot link shows here whatever stopped it.
	 */
	@Autowired
	void measure(MeterRegistry meters, Clock clock) {
		Gauge.builder("lantern.audit.unlinked.oldest.seconds", this, chain -> chain.oldestUnlinkedSeconds(clock))
			.description("how long the oldest audit line not linked into the chain yet has waited")
			.register(meters);
	}

	double oldestUnlinkedSeconds(Clock clock) {
		Optional<Instant> oldest = jdbc.sql("""
				select e.at from audit_pending p join audit_event e on e.id = p.audit_id order by e.at limit 1""")
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.optional();
		return oldest.map(at -> Math.max(0, Duration.between(at, clock.instant()).toSeconds())).orElse(0L);
	}

	/**
	 * {@code rows}: the links walked; {@code pending}: lines written and not linked yet; {@code firstBrokenId}: the
	 * first line whose link does not hold (edited, removed, or slipped in around the trail), null when all hold.
	 */
	record Verdict(long rows, boolean intact, Long firstBrokenId, long pending) {
	}

	@Scheduled(fixedDelayString = "${lantern.audit.link-every:1s}")
	void linkQueued() {
		try {
			while (linkPending() == MOST_AT_ONCE) {
				// a backlog (after an import, or the database's return): on at once
			}
		}
		catch (DataAccessException failed) {
			if (FailureKind.of(failed) == FailureKind.PASSING) {
				log.debug("The audit trail's lines wait to be linked: {}", failed.toString());
			}
			else {
				log.error("The audit trail's lines cannot be linked", failed);
			}
		}
	}

	/** Links the lines queued and committed, up to {@value #MOST_AT_ONCE}; how many it linked. */
	int linkPending() {
		Integer linked = transactions.execute(status -> {
			if (!jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LINKER).query(Boolean.class).single()) {
				return 0;
			}
			List<Long> queued = jdbc.sql("""
					delete from audit_pending where audit_id in
					  (select audit_id from audit_pending order by audit_id limit ?)
					returning audit_id""").param(MOST_AT_ONCE).query(Long.class).list();
			if (queued.isEmpty()) {
				return 0;
			}
			Link last = jdbc.sql("select seq, hash from audit_link order by seq desc limit 1")
				.query((rs, n) -> new Link(rs.getLong("seq"), rs.getBytes("hash")))
				.optional()
				.orElse(new Link(0, null));
			List<Object[]> links = new ArrayList<>(queued.size());
			Link[] previous = { last };
			jdbc.sql("select id, audit_event_bytes(e) as bytes from audit_event e where id = any(?) order by id")
				.param(queued.toArray(Long[]::new))
				.query((RowCallbackHandler) rs -> {
					byte[] hash = sha256(previous[0].hash(), rs.getBytes("bytes"));
					links.add(new Object[] { previous[0].seq() + 1, rs.getLong("id"), previous[0].hash(), hash });
					previous[0] = new Link(previous[0].seq() + 1, hash);
				});
			// the types named: the first link's prev_hash is null, whose type the driver cannot tell from the value
			batches.batchUpdate("insert into audit_link (seq, audit_id, prev_hash, hash) values (?, ?, ?, ?)", links,
					new int[] { Types.BIGINT, Types.BIGINT, Types.BINARY, Types.BINARY });
			return queued.size();
		});
		return linked == null ? 0 : linked;
	}

	private record Link(long seq, byte[] hash) {
	}

	@Transactional(readOnly = true)
	Verdict verify() {
		long[] rows = { 0 };
		Long[] broken = { null };
		byte[][] previous = { null };
		// streamed, link by link in the order the chain was made; the line's bytes as the database hashed them (none
		// for a line removed)
		jdbc.sql("""
				select l.audit_id, l.prev_hash, l.hash, audit_event_bytes(e) as bytes
				from audit_link l left join audit_event e on e.id = l.audit_id order by l.seq""")
			.query((RowCallbackHandler) rs -> {
				if (broken[0] != null) {
					return;
				}
				rows[0]++;
				byte[] bytes = rs.getBytes("bytes");
				if (bytes == null || !MessageDigest.isEqual(rs.getBytes("prev_hash"), previous[0])
						|| !MessageDigest.isEqual(sha256(previous[0], bytes), rs.getBytes("hash"))) {
					broken[0] = rs.getLong("audit_id");
				}
				previous[0] = rs.getBytes("hash");
			});
		long slippedIn = jdbc.sql("""
				select coalesce(min(e.id), 0) from audit_event e
				where not exists (select 1 from audit_link l where l.audit_id = e.id)
				  and not exists (select 1 from audit_pending p where p.audit_id = e.id)""").query(Long.class).single();
		if (slippedIn != 0 && (broken[0] == null || slippedIn < broken[0])) {
			broken[0] = slippedIn;
		}
		long pending = jdbc.sql("select count(*) from audit_pending").query(Long.class).single();
		return new Verdict(rows[0], broken[0] == null, broken[0], pending);
	}

	private static byte[] sha256(byte[] previous, byte[] row) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			if (previous != null) {
				digest.update(previous);
			}
			return digest.digest(row);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
