package app.lantern.checkin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * edited, which the ADMIN's check names.
 */
@CheckinServiceTest
class AuditChainTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void theTrailIsAppendOnlyAndItsChainNamesTheRowThatWasEdited() {
		RestClient admin = StaffApi.admin(port);
		StaffApi.newStaff(port, java.util.List.of("default"));
		assertThat(verify(admin)).containsEntry("intact", true);
		long id = jdbc.sql("select max(id) from audit_event").query(Long.class).single();

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
