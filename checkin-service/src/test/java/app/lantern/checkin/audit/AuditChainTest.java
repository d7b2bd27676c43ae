package app.lantern.checkin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * The audit trail cannot be rewritten: the service's own connection may only insert into it, and an edit made
 * around that (by someone holding the database's keys, with its triggers off) breaks the hash chain at the row
 * edited, which the ADMIN's check names (how the chain is made: {@link AuditLinkerTest}).
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
