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

	List<SandboxMessage> messages(int limit) {
		return jdbc.sql("select * from sandbox_message order by id desc limit ?")
			.param(Math.max(1, Math.min(limit, 1000)))
			.query((rs, n) -> new SandboxMessage(rs.getLong("id"), rs.getObject("delivery_id", UUID.class),
					rs.getString("channel"), rs.getString("address"), rs.getString("subject"), rs.getString("body"),
					rs.getTimestamp("sent_at").toInstant()))
			.list();
	}
}
