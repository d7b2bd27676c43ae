package app.lantern.checkin.registry;

import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.programmes.Programmes;
import app.lantern.checkin.web.ConflictException;
import app.lantern.events.ClientProfile;
import app.lantern.events.DuePlan;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rows an enrolment writes — the client, their schedule, the audit line — and the profile it publishes: for one
 * client ({@link ClientRegistry#enrol}) or a batch of them ({@link ClientImport}), each table's rows sent together.
 * A schedule changed later is written by the same statement.
 */
@Component
class EnrolmentRows {

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final AuditTrail audit;

	private final ProfilePublisher profiles;

	EnrolmentRows(JdbcClient jdbc, JdbcTemplate batches, AuditTrail audit, ProfilePublisher profiles) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.audit = audit;
		this.profiles = profiles;
	}

	/** An enrolment checked, and the programme it joins. */
	public record Checked(RegistryChecks.Enrolment enrolment, Programmes.Programme programme) {
	}

	private static final String INSERT_CLIENT = """
			insert into client (id, display_name, phone, email, timezone, status, craving_threshold,
			  coping_plan, link_token_hash, enrolled_at, programme_id, language)
			values (?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?)""";

	private static final String INSERT_SCHEDULE = """
			insert into schedule (client_id, due_times, grace_minutes, reminder_minutes_before, effective_from,
			  nudge_at_due, nudge_minutes_after, plan)
			values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))
			on conflict (client_id) do update set due_times = excluded.due_times,
			  grace_minutes = excluded.grace_minutes, reminder_minutes_before = excluded.reminder_minutes_before,
			  effective_from = excluded.effective_from, nudge_at_due = excluded.nudge_at_due,
			  nudge_minutes_after = excluded.nudge_minutes_after, plan = excluded.plan""";

	/**
	 * Stores checked enrolments as an enrolment stores one, the rows of each table sent together (a batch of
	 * statements, one round trip), each client's profile on the outbox after them.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	List<ClientRegistry.Enrolled> storeAll(List<Checked> all, String actor, Instant now) {
		List<ClientRegistry.Enrolled> enrolled = new ArrayList<>(all.size());
		List<Object[]> clients = new ArrayList<>(all.size());
		List<Object[]> schedules = new ArrayList<>(all.size());
		for (Checked checked : all) {
			RegistryChecks.Enrolment enrolment = checked.enrolment();
			UUID id = UUID.randomUUID();
			String token = LinkTokens.newToken();
			enrolled.add(new ClientRegistry.Enrolled(id, token));
			clients.add(new Object[] { id, enrolment.displayName(), enrolment.phone(), enrolment.email(),
					enrolment.timezone().getId(), enrolment.cravingThreshold(),
					enrolment.copingPlan().toArray(String[]::new), LinkTokens.hash(token), Timestamp.from(now),
					checked.programme().id(), enrolment.language() });
			schedules.add(scheduleRow(id, enrolment.schedule(), enrolment.timezone(), now));
		}
		try {
			batches.batchUpdate(INSERT_CLIENT, clients);
		}
		catch (DuplicateKeyException ex) {
			// taken between the look and the insert
			throw new ConflictException("phone", "this phone number cannot be used for this client: ask an ADMIN");
		}
		batches.batchUpdate(INSERT_SCHEDULE, schedules);
		audit.recordEach(enrolled.stream().map(ClientRegistry.Enrolled::id).toList(), actor, "ENROLLED",
				all.stream().map(checked -> "in programme " + checked.programme().id()).toList(), now);
		enrolled.forEach(client -> profiles.publish(client.id()));
		return enrolled;
	}

	ClientProfile.Schedule writeSchedule(UUID clientId, RegistryChecks.Schedule schedule, ZoneId zone,
			Instant now) {
		Object[] row = scheduleRow(clientId, schedule, zone, now);
		jdbc.sql(INSERT_SCHEDULE).params(row).update();
		return new ClientProfile.Schedule(schedule.dueTimes(), schedule.graceMinutes(), schedule.reminderMinutesBefore(),
				now, schedule.nudgeAtDue(), schedule.nudgeMinutesAfter(), planFrom(schedule, zone, now));
	}

	/** The schedule's row as {@link #INSERT_SCHEDULE} takes it, effective from {@code now}. */
	private static Object[] scheduleRow(UUID clientId, RegistryChecks.Schedule schedule, ZoneId zone, Instant now) {
		return new Object[] { clientId, schedule.dueTimes().stream().map(Time::valueOf).toArray(Time[]::new),
				schedule.graceMinutes(), schedule.reminderMinutesBefore(), Timestamp.from(now), schedule.nudgeAtDue(),
				schedule.nudgeMinutesAfter(), ScheduleRows.json(planFrom(schedule, zone, now)) };
	}

	/** A step-down plan counts from the day it is set, in the client's zone. */
	private static DuePlan planFrom(RegistryChecks.Schedule schedule, ZoneId zone, Instant now) {
		return schedule.plan() == null ? null : schedule.plan().startingBy(LocalDate.ofInstant(now, zone));
	}
}
