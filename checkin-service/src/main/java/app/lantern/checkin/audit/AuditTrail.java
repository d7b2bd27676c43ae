package app.lantern.checkin.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One line per access or change: a change's line is written in the change's own transaction, so the record and
 * its audit never disagree. {@code detail} names ids and kinds, never a name, number, address or note.
 */
@Component
public class AuditTrail {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final JdbcTemplate batches;

	AuditTrail(JdbcClient jdbc, JdbcTemplate batches, Clock clock) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.clock = clock;
	}

	/** A change to (or an access of) one client's record. */
	public void record(UUID clientId, String actor, String action, String detail, Instant at) {
		jdbc.sql("insert into audit_event (client_id, actor, action, detail, at) values (?, ?, ?, ?, ?)")
			.params(clientId, actor, action, detail, Timestamp.from(at))
			.update();
	}

	/** The same change to many clients' records ({@code details} one for each), sent together: one round trip. */
	public void recordEach(List<UUID> clientIds, String actor, String action, List<String> details, Instant at) {
		List<Object[]> rows = new ArrayList<>(clientIds.size());
		for (int i = 0; i < clientIds.size(); i++) {
			rows.add(new Object[] { clientIds.get(i), actor, action, details.get(i), Timestamp.from(at) });
		}
		batches.batchUpdate("insert into audit_event (client_id, actor, action, detail, at) values (?, ?, ?, ?, ?)", rows);
	}

	/** As {@link #record}, in a transaction of its own: kept when the one it is in is rolled back (a refusal). */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void recordApart(UUID clientId, String actor, String action, String detail, Instant at) {
		record(clientId, actor, action, detail, at);
	}

	/** A staff user looked at part of a client's record: RECORD, CHECK_INS, DISCLOSURES. */
	public void viewed(UUID clientId, String actor, String what) {
		record(clientId, actor, "VIEWED_" + what, null, clock.instant());
	}

	/** Something not of one client, by the signed-in staff user. */
	public void recordOf(String subject, String action, String detail) {
		var signedIn = SecurityContextHolder.getContext().getAuthentication();
		recordOf(subject, signedIn == null ? "system" : signedIn.getName(), action, detail);
	}

	/** Something not of one client: a sign-in, a staff account, the rota. {@code subject} names what it was of. */
	public void recordOf(String subject, String actor, String action, String detail) {
		jdbc.sql("insert into audit_event (subject, actor, action, detail, at) values (?, ?, ?, ?, ?)")
			.params(subject, actor, action, detail, Timestamp.from(clock.instant()))
			.update();
	}
}
