package app.lantern.checkin.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.lantern.checkin.web.FieldChecks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the audit trail back, newest first, filtered by client, staff user and time. */
@Component
public class AuditLog {

	static final int MAX_LINES = 1000;

	private final JdbcClient jdbc;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Line(long id, Instant at, String actor, String action, UUID clientId, String subject, String detail) {
	}

	/** Every filter is optional; {@code from} and {@code to} are ISO-8601 instants. Bad filters are named. */
	public record Filter(UUID clientId, String actor, String from, String to, Integer limit) {
	}

	public List<Line> read(Filter filter) {
		FieldChecks checks = new FieldChecks();
		Instant from = checks.parse(blank(filter.from()), Instant::parse, "from",
				"must be a time such as 2026-11-30T09:00:00Z");
		Instant to = checks.parse(blank(filter.to()), Instant::parse, "to", "must be a time such as 2026-11-30T17:00:00Z");
		checks.range(filter.limit(), 1, MAX_LINES, "limit");
		checks.throwIfAny();
		return jdbc.sql("""
				select id, at, actor, action, client_id, subject, detail from audit_event
				where (cast(:client as uuid) is null or client_id = :client)
				  and (cast(:actor as text) is null or actor = :actor)
				  and (cast(:from as timestamptz) is null or at >= :from)
				  and (cast(:to as timestamptz) is null or at < :to)
				order by at desc, id desc limit :limit""")
			.param("client", filter.clientId())
			.param("actor", blank(filter.actor()))
			.param("from", from == null ? null : Timestamp.from(from))
			.param("to", to == null ? null : Timestamp.from(to))
			.param("limit", filter.limit() == null ? 200 : filter.limit())
			.query((rs, n) -> new Line(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
					rs.getString("action"), rs.getObject("client_id", UUID.class), rs.getString("subject"),
					rs.getString("detail")))
			.list();
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}
}
