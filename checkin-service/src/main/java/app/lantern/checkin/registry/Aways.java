package app.lantern.checkin.registry;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A client's own pause: they text {@code AWAY 3} before a planned absence of up to their programme's maximum days.
 * Missed check-ins raise nothing until it ends (the profile carries its end to the rules engine, which also tells
 * the client's staff at once); a crisis or a high craving meanwhile alerts as ever. It ends by itself, when the
 * client texts {@code BACK}, or when staff cancel it.
 */
@Service
public class Aways {

	private final JdbcClient jdbc;

	private final ClientRecords records;

	private final ProfilePublisher profiles;

	private final AuditTrail audit;

	private final Clock clock;

	Aways(JdbcClient jdbc, ClientRecords records, ProfilePublisher profiles, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.records = records;
		this.profiles = profiles;
		this.audit = audit;
		this.clock = clock;
	}

	/** What became of an {@code AWAY n}: away until {@code until}, or refused because n is not 1 to {@code maxDays}. */
	public record Away(Instant until, int maxDays) {

		public boolean refused() {
			return until == null;
		}
	}

	/**
	 * The client asked to be away {@code days} days from {@code at} (null: now); refused (nothing changes) past the
	 * maximum.
	 */
	@Transactional
	public Away start(UUID clientId, Integer days, Instant at) {
		at = at == null ? clock.instant() : at;
		records.lockClient(clientId);
		int max = maxDays(clientId);
		if (days == null || days < 1 || days > max) {
			return new Away(null, max);
		}
		Instant until = at.plus(Duration.ofDays(days));
		jdbc.sql("update client set away_until = ? where id = ?").params(Timestamp.from(until), clientId).update();
		audit.record(clientId, "client", "AWAY_STARTED", days + (days == 1 ? " day" : " days") + ", until " + until,
				at);
		profiles.changed(clientId);
		return new Away(until, max);
	}

	/** Ends the client's away now (they are back, or staff cancelled it); false when there was none. */
	@Transactional
	public boolean end(UUID clientId, String actor) {
		records.lockClient(clientId);
		Instant now = clock.instant();
		int ended = jdbc.sql("update client set away_until = null where id = ? and away_until > ?")
			.params(clientId, Timestamp.from(now))
			.update();
		if (ended == 0) {
			return false;
		}
		audit.record(clientId, actor, "AWAY_ENDED", "ended before its time", now);
		profiles.changed(clientId);
		return true;
	}

	/** When the client's away ends, if they are away now. */
	public Optional<Instant> until(UUID clientId) {
		return jdbc.sql("select away_until from client where id = ? and away_until > ?")
			.params(clientId, Timestamp.from(clock.instant()))
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
	}

	private int maxDays(UUID clientId) {
		return jdbc.sql("select p.max_away_days from client c join programme p on p.id = c.programme_id where c.id = ?")
			.param(clientId)
			.query(Integer.class)
			.single();
	}
}
