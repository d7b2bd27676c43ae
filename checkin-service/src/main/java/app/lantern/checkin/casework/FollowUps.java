package app.lantern.checkin.casework;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.web.FieldChecks;
import app.lantern.checkin.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Follow-up tasks on a worker's queue ("call back tomorrow"): a title, a due time, an owner (or none: the
 * programme's, for whoever takes it). Staff add them, and the programme's policy adds them when an alert closes
 * ({@link FollowUpPolicy}). Made, done, cancelled, reassigned and overdue are each audited once; erased with the
 * client.
 */
@Service
public class FollowUps {

	static final int MAX_TITLE = 200;

	private final JdbcClient jdbc;

	private final Workers workers;

	private final AuditTrail audit;

	private final Clock clock;

	FollowUps(JdbcClient jdbc, Workers workers, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.workers = workers;
		this.audit = audit;
		this.clock = clock;
	}

	/** {@code overdue}: open and past its due time; {@code policy}: the rule that made it, if one did. */
	public record Task(UUID id, UUID clientId, String clientName, String title, Instant dueAt, String owner,
			String state, String createdBy, String policy, boolean overdue) {
	}

	/** A task by a staff user: checked whole first (400 naming each field). */
	@Transactional
	public Task add(UUID clientId, String title, Instant dueAt, String owner, String actor) {
		FieldChecks checks = new FieldChecks();
		checks.require(title == null || title.isBlank() ? null : title, "title");
		checks.maxLength(title, MAX_TITLE, "title");
		checks.require(dueAt, "dueAt");
		workers.check(owner, clientId, "owner", checks);
		checks.throwIfAny();
		return create(clientId, title.strip(), dueAt, owner, actor, null, null).orElseThrow();
	}

	/** A task the programme's policy makes after an alert; once per alert and policy, however often it is asked. */
	Optional<Task> byPolicy(UUID clientId, String title, Instant dueAt, String policy, UUID alertId) {
		String owner = workers.coverFor(clientId).orElse(workers.of(clientId).primary());
		return create(clientId, title, dueAt, owner, "policy", policy, alertId);
	}

	private Optional<Task> create(UUID clientId, String title, Instant dueAt, String owner, String actor, String policy,
			UUID alertId) {
		UUID id = UUID.randomUUID();
		Instant now = clock.instant();
		int made = jdbc.sql("""
				insert into follow_up (id, client_id, title, due_at, owner, created_by, policy, alert_id, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
			.params(id, clientId, title, Timestamp.from(dueAt), owner, actor, policy, alertId, Timestamp.from(now))
			.update();
		if (made == 0) {
			return Optional.empty();
		}
		audit.record(clientId, actor, "FOLLOW_UP_CREATED",
				"follow-up " + id + (policy == null ? "" : " by policy " + policy) + ", owner " + owner, now);
		return find(id);
	}

	/**
	 * The open tasks of these programmes' clients: {@code owner}'s and the programme's unowned ones, or everyone's
	 * ({@code owner} null); the most overdue first.
	 */
	public List<Task> queue(String[] programmes, String owner) {
		return jdbc.sql("""
				select f.*, c.display_name from follow_up f join client c on c.id = f.client_id
				where f.state = 'OPEN' and c.programme_id = any(:programmes)
				  and (cast(:owner as text) is null or f.owner = :owner or f.owner is null)
				order by f.due_at limit 500""")
			.param("programmes", programmes)
			.param("owner", owner)
			.query((rs, n) -> task(rs))
			.list();
	}

	/** The client's tasks, open ones first. */
	public List<Task> ofClient(UUID clientId) {
		return jdbc.sql("""
				select f.*, c.display_name from follow_up f join client c on c.id = f.client_id
				where f.client_id = ? order by f.state = 'OPEN' desc, f.due_at desc limit 100""")
			.param(clientId)
			.query((rs, n) -> task(rs))
			.list();
	}

	public Optional<Task> find(UUID id) {
		return jdbc.sql("select f.*, c.display_name from follow_up f join client c on c.id = f.client_id where f.id = ?")
			.param(id)
			.query((rs, n) -> task(rs))
			.optional();
	}

	/** {@code state}: DONE or CANCELLED; an open task only (404 otherwise). */
	@Transactional
	public Task close(UUID id, String state, String actor) {
		Task task = open(id);
		jdbc.sql("update follow_up set state = ?, closed_at = ?, closed_by = ? where id = ? and state = 'OPEN'")
			.params(state, Timestamp.from(clock.instant()), actor, id)
			.update();
		audit.record(task.clientId(), actor, "FOLLOW_UP_" + state, "follow-up " + id
				+ (task.overdue() ? ", overdue" : ""), clock.instant());
		return find(id).orElseThrow();
	}

	@Transactional
	public Task reassign(UUID id, String owner, String actor) {
		Task task = open(id);
		FieldChecks checks = new FieldChecks();
		checks.require(owner, "owner");
		workers.check(owner, task.clientId(), "owner", checks);
		checks.throwIfAny();
		jdbc.sql("update follow_up set owner = ? where id = ?").params(owner, id).update();
		audit.record(task.clientId(), actor, "FOLLOW_UP_REASSIGNED",
				"follow-up " + id + ", from " + task.owner() + " to " + owner, clock.instant());
		return find(id).orElseThrow();
	}

	/** Each task that has passed its due time open is audited once as overdue. */
	@Scheduled(fixedDelayString = "${lantern.follow-ups.overdue-check:60s}", initialDelay = 10_000)
	void noteOverdue() {
		Instant now = clock.instant();
		jdbc.sql("""
				update follow_up set overdue_noted_at = ? where state = 'OPEN' and due_at < ? and overdue_noted_at is null
				returning id, client_id""")
			.params(Timestamp.from(now), Timestamp.from(now))
			.query((rs, n) -> {
				audit.record(rs.getObject("client_id", UUID.class), "system", "FOLLOW_UP_OVERDUE",
						"follow-up " + rs.getObject("id", UUID.class), now);
				return null;
			})
			.list();
	}

	private Task open(UUID id) {
		return find(id).filter(task -> task.state().equals("OPEN"))
			.orElseThrow(() -> new NotFoundException("open follow-up"));
	}

	private Task task(ResultSet rs) throws SQLException {
		Instant due = rs.getTimestamp("due_at").toInstant();
		String state = rs.getString("state");
		return new Task(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
				rs.getString("display_name"), rs.getString("title"), due, rs.getString("owner"), state,
				rs.getString("created_by"), rs.getString("policy"), state.equals("OPEN") && due.isBefore(clock.instant()));
	}
}
