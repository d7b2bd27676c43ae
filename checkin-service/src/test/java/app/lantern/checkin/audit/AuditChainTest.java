package app.lantern.checkin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * The audit trail cannot be rewritten: the service's own connection may only insert into it, and an edit made
 * around that (by someone holding the database's keys, with its triggers off) breaks the hash chain at the row
 * edited, which the ADMIN's check names. The chain is made after commit, so audited transactions never wait on one
 * another for it.
 */
@CheckinServiceTest
class AuditChainTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	AuditChain chain;

	@Autowired
	AuditTrail trail;

	@Test
	void theTrailIsAppendOnlyAndItsChainNamesTheRowThatWasEdited() {
		RestClient admin = StaffApi.admin(port);
		StaffApi.newStaff(port, List.of("default"));
		chain.linkPending();
		assertThat(verify(admin)).containsEntry("intact", true).containsEntry("pending", 0);
		long id = jdbc.sql("select max(audit_id) from audit_link").query(Long.class).single();

		assertThatThrownBy(() -> jdbc.sql("update audit_event set actor = 'someone else' where id = ?").param(id)
			.update()).hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("delete from audit_event where id = ?").param(id).update())
			.hasMessageContaining("append-only");

		String actor = jdbc.sql("select actor from audit_event where id = ?").param(id).query(String.class).single();
		aroundTheTriggers("update audit_event set actor = 'someone else' where id = " + id);
		try {
			Map<String, Object> verdict = verify(admin);
			assertThat(verdict).containsEntry("intact", false);
			assertThat(((Number) verdict.get("firstBrokenId")).longValue()).isEqualTo(id);
		}
		finally {
			aroundTheTriggers("update audit_event set actor = '" + actor.replace("'", "''") + "' where id = " + id);
		}
		assertThat(verify(admin)).as("as it was written again").containsEntry("intact", true);
	}

	@Test
	void aLineWrittenAroundTheTrailIsNamed() {
		RestClient admin = StaffApi.admin(port);
		chain.linkPending();
		long[] id = new long[1];
		transactions.executeWithoutResult(status -> {
			jdbc.sql("set local session_replication_role = replica").update();
			id[0] = jdbc.sql("insert into audit_event (actor, action, at) values ('someone', 'SLIPPED_IN', now()) "
					+ "returning id").query(Long.class).single();
		});
		try {
			chain.linkPending();
			Map<String, Object> verdict = verify(admin);
			assertThat(verdict).containsEntry("intact", false);
			assertThat(((Number) verdict.get("firstBrokenId")).longValue()).isEqualTo(id[0]);
		}
		finally {
			aroundTheTriggers("delete from audit_event where id = " + id[0]);
		}
	}

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
		assertThat(verify(StaffApi.admin(port))).containsEntry("intact", true).containsEntry("pending", 0);
	}

	@Test
	void theLinkerLinksEachLineWithinSecondsOfItsCommitByItself() {
		UUID subject = UUID.randomUUID();
		trail.recordOf(subject.toString(), "tester", "LINKED_BY_ITSELF", null);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> linked(subject));
	}

	@Test
	void aNewTrailsFirstLinksAreMade() {
		StaffApi.newStaff(port, List.of("default"));
		// as in a new deployment: no link yet, the first line with none before it, several lines waiting together
		transactions.executeWithoutResult(status -> {
			jdbc.sql("set local session_replication_role = replica").update();
			jdbc.sql("delete from audit_link").update();
			jdbc.sql("insert into audit_pending (audit_id) select id from audit_event on conflict do nothing").update();
		});
		while (chain.linkPending() > 0) {
			// a backlog larger than one round
		}
		assertThat(verify(StaffApi.admin(port))).containsEntry("intact", true).containsEntry("pending", 0);
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

	@SuppressWarnings("unchecked")
	private static Map<String, Object> verify(RestClient admin) {
		return admin.get().uri("/api/audit/verify").retrieve().body(Map.class);
	}

	/** What only the database's owner could do: the statement with this session's triggers off. */
	private void aroundTheTriggers(String statement) {
		transactions.executeWithoutResult(status -> {
			jdbc.sql("set local session_replication_role = replica").update();
			jdbc.sql(statement).update();
		});
	}
}
