package app.lantern.checkin.casework;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.oncall.OnCallRotaStore;
import app.lantern.checkin.registry.ProfilePublisher;
import app.lantern.checkin.web.FieldChecks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each client's own workers (a primary and, optionally, a second), and a worker's leave, whose dates hand their
 * clients to a named colleague. A worker is an enabled staff user who works in the client's programme (or an ADMIN).
 */
@Service
public class Workers {

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	private final ProfilePublisher profiles;

	private final OnCallRotaStore rota;

	Workers(JdbcClient jdbc, AuditTrail audit, Clock clock, ProfilePublisher profiles, OnCallRotaStore rota) {
		this.profiles = profiles;
		this.rota = rota;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/** {@code primary}, {@code second}: usernames, or null for none. */
	public record Assigned(String primary, String second) {
	}

	public Assigned of(UUID clientId) {
		return jdbc.sql("select primary_worker, second_worker from client where id = ?").param(clientId)
			.query((rs, n) -> new Assigned(rs.getString("primary_worker"), rs.getString("second_worker")))
			.optional()
			.orElse(new Assigned(null, null));
	}

	/** Names the client's workers (checked first: 400 naming the field); audited. */
	@Transactional
	public Assigned assign(UUID clientId, Assigned workers, String actor) {
		FieldChecks checks = new FieldChecks();
		check(workers.primary(), clientId, "primary", checks);
		check(workers.second(), clientId, "second", checks);
		if (workers.primary() == null && workers.second() != null) {
			checks.reject("primary", "is required with a second worker");
		}
		if (workers.primary() != null && workers.primary().equals(workers.second())) {
			checks.reject("second", "must be someone other than the primary worker");
		}
		checks.throwIfAny();
		jdbc.sql("update client set primary_worker = ?, second_worker = ? where id = ?")
			.params(workers.primary(), workers.second(), clientId)
			.update();
		audit.record(clientId, actor, "WORKERS_CHANGED",
				"primary " + workers.primary() + ", second " + workers.second(), clock.instant());
		// the notifier tells the worker on shift first: their profile names them
		profiles.changed(clientId);
		return workers;
	}

	/** Whether {@code username} may work with this client: enabled, and in its programme or an ADMIN. */
	public boolean mayWorkWith(String username, UUID clientId) {
		return jdbc.sql("""
				select exists (select 1 from staff_user s join client c on c.id = ?
				               where s.username = ? and s.enabled
				                 and (s.role = 'ADMIN' or exists (select 1 from staff_programme sp
				                      where sp.username = s.username and sp.programme_id = c.programme_id)))""")
			.params(clientId, username)
			.query(Boolean.class)
			.single();
	}

	void check(String username, UUID clientId, String field, FieldChecks checks) {
		if (username != null && !mayWorkWith(username, clientId)) {
			checks.reject(field, "must be an enabled staff user of the client's programme");
		}
	}

	/** A leave: {@code coveredBy} works with {@code username}'s clients from {@code startsOn} to {@code endsOn}. */
	public record Leave(UUID id, String username, LocalDate startsOn, LocalDate endsOn, String coveredBy) {
	}

	@Transactional
	public Leave recordLeave(String username, LocalDate startsOn, LocalDate endsOn, String coveredBy, String actor) {
		FieldChecks checks = new FieldChecks();
		checks.require(startsOn, "startsOn");
		checks.require(endsOn, "endsOn");
		if (startsOn != null && endsOn != null && endsOn.isBefore(startsOn)) {
			checks.reject("endsOn", "must not be before startsOn");
		}
		if (checks.require(coveredBy, "coveredBy") && (coveredBy.equals(username) || !sharesAProgramme(username, coveredBy))) {
			checks.reject("coveredBy", "must be another enabled staff user of the same programme");
		}
		checks.throwIfAny();
		Leave leave = new Leave(UUID.randomUUID(), username, startsOn, endsOn, coveredBy);
		jdbc.sql("""
				insert into staff_leave (id, username, starts_on, ends_on, covered_by, recorded_by, recorded_at)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(leave.id(), username, Date.valueOf(startsOn), Date.valueOf(endsOn), coveredBy, actor,
					Timestamp.from(clock.instant()))
			.update();
		audit.recordOf("staff " + username, actor, "LEAVE_RECORDED",
				startsOn + " to " + endsOn + ", covered by " + coveredBy);
		// the rota carries leave: the colleague covering is told first of their clients' alerts while on shift
		rota.publish();
		return leave;
	}

	public List<Leave> leaveOf(String username) {
		return jdbc.sql("select * from staff_leave where username = ? order by starts_on").param(username)
			.query((rs, n) -> new Leave(rs.getObject("id", UUID.class), rs.getString("username"),
					rs.getDate("starts_on").toLocalDate(), rs.getDate("ends_on").toLocalDate(), rs.getString("covered_by")))
			.list();
	}

	@Transactional
	public boolean cancelLeave(String username, UUID id, String actor) {
		boolean cancelled = jdbc.sql("delete from staff_leave where id = ? and username = ?").params(id, username)
			.update() > 0;
		if (cancelled) {
			audit.recordOf("staff " + username, actor, "LEAVE_CANCELLED", null);
			rota.publish();
		}
		return cancelled;
	}

	/** Who stands in for the client's primary worker today, if they are on leave. */
	public Optional<String> coverFor(UUID clientId) {
		return jdbc.sql("""
				select l.covered_by from client c join programme p on p.id = c.programme_id
				join staff_leave l on l.username = c.primary_worker
				where c.id = ? and (cast(? as timestamptz) at time zone p.timezone)::date between l.starts_on and l.ends_on
				order by l.starts_on desc limit 1""")
			.params(clientId, Timestamp.from(clock.instant()))
			.query(String.class)
			.optional();
	}

	private boolean sharesAProgramme(String username, String colleague) {
		return jdbc.sql("""
				select exists (select 1 from staff_user s where s.username = ? and s.enabled
				  and (s.role = 'ADMIN' or exists (select 1 from staff_programme a join staff_programme b
				       on a.programme_id = b.programme_id where a.username = ? and b.username = s.username)))""")
			.params(colleague, username)
			.query(Boolean.class)
			.single();
	}
}
