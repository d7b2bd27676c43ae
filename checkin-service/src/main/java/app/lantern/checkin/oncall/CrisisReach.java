package app.lantern.checkin.oncall;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import app.lantern.checkin.registry.ProfilePublisher;
import app.lantern.events.AlertType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether the client can truthfully be told "we are letting your support team know": a support contact the crisis
 * may go to (a consent that covers it, a channel they confirmed), or someone on call for the client's programme now
 * whose phone takes texts. A crisis no one on call can take still goes to every staff member of the programme and
 * every ADMIN, but on a night with no shift that is a hope, not a promise: the client is then given the crisis
 * lines and the programme's phone alone.
 */
@Component
public class CrisisReach {

	private final JdbcClient jdbc;

	private final ProfilePublisher profiles;

	private final Clock clock;

	CrisisReach(JdbcClient jdbc, ProfilePublisher profiles, Clock clock) {
		this.jdbc = jdbc;
		this.profiles = profiles;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public boolean supportTeamIsTold(UUID clientId) {
		Instant now = clock.instant();
		boolean contact = profiles.profile(clientId).contacts().stream()
			.anyMatch(one -> one.couldBeToldOf(AlertType.CRISIS, now));
		return contact || jdbc.sql("""
				select exists (
				  select 1 from staff_user s join client c on c.id = ?
				  join on_call_shift f on f.primary_user = s.username or f.fallback_user = s.username
				  where s.enabled and s.phone is not null
				    and not exists (select 1 from opt_out o where o.phone = s.phone)
				    and f.starts_at <= ? and f.ends_at > ? and (f.programme_id is null or f.programme_id = c.programme_id))""")
			.params(clientId, Timestamp.from(now), Timestamp.from(now))
			.query(Boolean.class)
			.single();
	}
}
