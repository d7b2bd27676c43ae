package app.lantern.checkin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import app.lantern.checkin.CheckinServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail's chain is made after each line's commit by one linker: audited transactions never wait on one
 * another for it, a line committed late is linked all the same, and the linker runs by itself.
 */
@CheckinServiceTest
class AuditLinkerTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	AuditChain chain;

	@Autowired
	AuditTrail trail;

	@Autowired
	MeterRegistry meters;

	@Test
	void auditedTransactionsDoNotWaitForOneAnotherAndEachLineIsLinkedOnceCommitted() throws Exception {
		CountDownLatch firstWritten = new CountDownLatch(1);
		CountDownLatch secondCommitted = new CountDownLatch(1);
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		// the first line's transaction stays open, its id the lower, until the second has committed
		CompletableFuture<Void> open = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
			trail.recordOf(first.toString(), "tester", "HELD_OPEN", null);
			firstWritten.countDown();
			await(secondCommitted);
		}));
		await(firstWritten);
		CompletableFuture.runAsync(() -> transactions.executeWithoutResult(
				status -> trail.recordOf(second.toString(), "tester", "COMMITTED_FIRST", null)))
			.get(10, TimeUnit.SECONDS);
		chain.linkPending();
		assertThat(linked(second)).as("the second, committed while the first was open").isTrue();
		assertThat(linked(first)).as("the first, not committed yet").isFalse();
		secondCommitted.countDown();
		open.get(10, TimeUnit.SECONDS);

		chain.linkPending();
		assertThat(linked(first)).as("the first, once committed").isTrue();
		assertThat(chain.verify()).extracting(AuditChain.Verdict::intact, AuditChain.Verdict::pending)
			.containsExactly(true, 0L);
	}

	@Test
	void theLinkerLinksEachLineWithinSecondsOfItsCommitByItself() {
		UUID subject = UUID.randomUUID();
		trail.recordOf(subject.toString(), "tester", "LINKED_BY_ITSELF", null);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> linked(subject));
	}

	@Test
	void aNewTrailsFirstLinksAreMade() {
		for (String action : List.of("FIRST", "SECOND")) {
			transactions.executeWithoutResult(status -> trail.recordOf("new trail", "tester", action, null));
		}
		// as in a new deployment: no link yet, the first line with none before it, several lines waiting together
		transactions.executeWithoutResult(status -> {
			jdbc.sql("set local session_replication_role = replica").update();
			jdbc.sql("delete from audit_link").update();
			jdbc.sql("insert into audit_pending (audit_id) select id from audit_event on conflict do nothing").update();
		});
		while (chain.linkPending() > 0) {
			// a backlog larger than one round
		}
		assertThat(chain.verify()).extracting(AuditChain.Verdict::intact, AuditChain.Verdict::pending)
			.containsExactly(true, 0L);
	}

	@Test
	void theOldestLineNotLinkedYetIsMeasured() throws Exception {
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch measured = new CountDownLatch(1);
		// a linker that cannot link: its lock held elsewhere while a line ten minutes old waits
		CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
			jdbc.sql("select 1 from (select pg_advisory_xact_lock(727001)) locked").query(Integer.class).single();
			holding.countDown();
			await(measured);
		}));
		await(holding);
		try {
			transactions.executeWithoutResult(status -> trail.recordOf("waiting", "tester", "WAITS", null));
			jdbc.sql("insert into audit_event (actor, action, subject, at) values ('tester', 'OLD', 'old', now() - "
					+ "interval '10 minutes')").update();
			assertThat(meters.get("lantern.audit.unlinked.oldest.seconds").gauge().value()).isGreaterThanOrEqualTo(600);
		}
		finally {
			measured.countDown();
			holder.get(10, TimeUnit.SECONDS);
		}
		chain.linkPending();
		assertThat(meters.get("lantern.audit.unlinked.oldest.seconds").gauge().value()).isZero();
	}

	private boolean linked(UUID subject) {
		return jdbc.sql("select exists (select 1 from audit_link l join audit_event e on e.id = l.audit_id "
				+ "where e.subject = ?)").param(subject.toString()).query(Boolean.class).single();
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("waited 10 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
