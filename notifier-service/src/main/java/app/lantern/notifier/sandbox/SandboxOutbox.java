package app.lantern.notifier.sandbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.lantern.events.ContactChannel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores what would have been sent, once per delivery, and lists it newest first. Only the sandbox uses it
 * ({@code LANTERN_SANDBOX=true}); staff read it through checkin-service ({@link SandboxMessages}).
 */
@Component
public class SandboxOutbox {

	private final JdbcClient jdbc;

	private final Clock clock;

	SandboxOutbox(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public record SandboxMessage(long id, UUID deliveryId, String channel, String address, String subject,
			String body, Instant sentAt) {
	}

	public void store(UUID deliveryId, ContactChannel channel, String address, String subject, String body) {
		jdbc.sql("""
				insert into sandbox_message (delivery_id, channel, address, subject, body, sent_at)
				values (?, ?, ?, ?, ?, ?) on conflict (delivery_id) do nothing""")
			.params(deliveryId, channel.name(), address, subject, body, Timestamp.from(clock.instant()))
			.update();
	}

	/** The newest messages; of the clients of {@code programmes} only, unless null (an ADMIN: every programme). */
	List<SandboxMessage> messages(int limit, List<String> programmes) {
		return jdbc.sql("""
				select m.* from sandbox_message m
				where cast(:programmes as text[]) is null or exists (
				  select 1 from delivery d join client_profile p on p.client_id = d.client_id
				  where d.id = m.delivery_id and p.payload::jsonb ->> 'programme' = any(cast(:programmes as text[])))
				order by m.id desc limit :limit""")
			.param("programmes", programmes == null ? null : programmes.toArray(String[]::new))
			.param("limit", Math.max(1, Math.min(limit, 1000)))
			.query((rs, n) -> new SandboxMessage(rs.getLong("id"), rs.getObject("delivery_id", UUID.class),
					rs.getString("channel"), rs.getString("address"), rs.getString("subject"), rs.getString("body"),
					rs.getTimestamp("sent_at").toInstant()))
			.list();
	}
}
