package app.lantern.checkin.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
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

	/**
	 * Every filter is optional; {@code from} and {@code to} are ISO-8601 instants. Bad filters are named. {@code
	 * programmes}: only the lines about these programmes' clients and staff (a programme's administrator's view);
	 * null for every line.
	 */
	public record Filter(UUID clientId, String actor, String from, String to, Integer limit, Set<String> programmes) {

		public Filter(UUID clientId, String actor, String from, String to, Integer limit) {
			this(clientId, actor, from, to, limit, null);
		}
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
				  and (cast(:programmes as text[]) is null
				    or client_id in (select id from client where programme_id = any(cast(:programmes as text[])))
				    or (subject like 'staff %' and exists (select 1 from staff_programme p
				          where p.username = substring(subject from 7) and p.programme_id = any(cast(:programmes as text[])))
				        and not exists (select 1 from staff_programme p
				          where p.username = substring(subject from 7)
				            and not p.programme_id = any(cast(:programmes as text[])))))
				order by at desc, id desc limit :limit""")
			.param("client", filter.clientId())
			.param("actor", blank(filter.actor()))
			.param("from", from == null ? null : Timestamp.from(from))
			.param("to", to == null ? null : Timestamp.from(to))
			.param("limit", filter.limit() == null ? 200 : filter.limit())
			.param("programmes", filter.programmes() == null ? null : filter.programmes().toArray(String[]::new))
			.query((rs, n) -> new Line(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
					rs.getString("action"), rs.getObject("client_id", UUID.class), rs.getString("subject"),
					rs.getString("detail")))
			.list();
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}
}
