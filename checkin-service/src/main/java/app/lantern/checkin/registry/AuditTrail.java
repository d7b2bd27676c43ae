package app.lantern.checkin.registry;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who changed what in a client's record, and when: one line per change, in the change's own transaction. */
@Component
class AuditTrail {

	private final JdbcClient jdbc;

	AuditTrail(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void record(UUID clientId, String actor, String action, String detail, Instant at) {
		jdbc.sql("insert into audit_event (client_id, actor, action, detail, at) values (?, ?, ?, ?, ?)")
			.params(clientId, actor, action, detail, Timestamp.from(at))
			.update();
	}
}
