package app.lantern.checkin.registry;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A pause given an end date ends by itself on that day, in the client's zone: the client is active again. */
@Service
public class PausesEnding {

	private final JdbcClient jdbc;

	private final ProfilePublisher profiles;

	private final AuditTrail audit;

	private final Clock clock;

	PausesEnding(JdbcClient jdbc, ProfilePublisher profiles, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.profiles = profiles;
		this.audit = audit;
		this.clock = clock;
	}

	/** Paused clients whose resume date has come (in their own zone) are active again. */
	@Scheduled(fixedDelayString = "${lantern.registry.resume-every:60s}")
	@Transactional
	public void resumeDuePauses() {
		Instant now = clock.instant();
		List<UUID> due = jdbc.sql("""
				select id from client where status = 'PAUSED' and resume_on is not null
				  and resume_on <= (cast(? as timestamptz) at time zone timezone)::date
				for update skip locked""")
			.param(Timestamp.from(now))
			.query(UUID.class)
			.list();
		for (UUID clientId : due) {
			jdbc.sql("update client set status = 'ACTIVE', resume_on = null where id = ?").param(clientId).update();
			audit.record(clientId, "system", "STATUS_CHANGED", "ACTIVE at the end of the pause", now);
			profiles.changed(clientId);
		}
	}
}
