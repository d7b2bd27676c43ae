package app.lantern.checkin.registry;

import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import app.lantern.checkin.web.ConflictException;
import app.lantern.events.ClientStatus;
import app.lantern.events.Topics;
import app.lantern.platform.outbox.Outbox;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A client's record through its life: enrolment, schedule, status, a new check-in link, erasure. Each change
 * is checked first, then made in one transaction with its audit line and the republished profile, so the
 * registry, the audit trail and what the other services know never disagree. The support network (contacts,
 * consents) is {@link SupportNetwork}.
 */
@Service
public class ClientRegistry {

	private final JdbcClient jdbc;

	private final ClientRecords records;

	private final ProfilePublisher profiles;

	private final AuditTrail audit;

	private final Outbox outbox;

	private final Clock clock;

	ClientRegistry(JdbcClient jdbc, ClientRecords records, ProfilePublisher profiles, AuditTrail audit, Outbox outbox,
			Clock clock) {
		this.jdbc = jdbc;
		this.records = records;
		this.profiles = profiles;
		this.audit = audit;
		this.outbox = outbox;
		this.clock = clock;
	}

	public record Enrolled(UUID id, String linkToken) {
	}

	@Transactional
	public Enrolled enrol(RegistryRequests.Enrolment request, String actor) {
		RegistryChecks.Enrolment enrolment = RegistryChecks.enrolment(request, LocalDate.now(clock));
		Instant now = clock.instant();
		UUID id = UUID.randomUUID();
		String token = LinkTokens.newToken();
		try {
			jdbc.sql("""
					insert into client (id, display_name, phone, email, timezone, status, craving_threshold,
					  coping_plan, link_token_hash, enrolled_at)
					values (?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?)""")
				.params(id, enrolment.displayName(), enrolment.phone(), enrolment.email(), enrolment.timezone().getId(),
						enrolment.cravingThreshold(), enrolment.copingPlan().toArray(String[]::new),
						LinkTokens.hash(token), Timestamp.from(now))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("phone", "a client with this phone number is already enrolled");
		}
		writeSchedule(id, enrolment.schedule(), now);
		audit.record(id, actor, "ENROLLED", null, now);
		profiles.publish(id);
		return new Enrolled(id, token);
	}

	@Transactional
	public void changeSchedule(UUID clientId, RegistryRequests.ScheduleBody request, String actor) {
		RegistryChecks.Schedule schedule = RegistryChecks.schedule(request);
		records.lockClient(clientId);
		Instant now = clock.instant();
		writeSchedule(clientId, schedule, now);
		audit.record(clientId, actor, "SCHEDULE_CHANGED", schedule.dueTimes().toString(), now);
		profiles.changed(clientId);
	}

	@Transactional
	public void changeStatus(UUID clientId, RegistryRequests.StatusChange request, String actor) {
		ClientStatus status = RegistryChecks.status(request);
		records.lockClient(clientId);
		Instant now = clock.instant();
		jdbc.sql("update client set status = ? where id = ?").params(status.name(), clientId).update();
		audit.record(clientId, actor, "STATUS_CHANGED", status.name(), now);
		if (status == ClientStatus.DISCHARGED) {
			endConsentsUntilDischarge(clientId, actor, now);
		}
		profiles.changed(clientId);
	}

	/**
	 * Erases a client: their record, contacts, consents and check-ins are deleted, and a tombstone on the
	 * compacted profile topic makes every other service forget them. The audit trail and the disclosure log
	 * keep their ids only, as the accounting of disclosures must outlive the record.
	 */
	@Transactional
	public void erase(UUID clientId, String actor) {
		records.lockClient(clientId);
		jdbc.sql("delete from client where id = ?").param(clientId).update();
		audit.record(clientId, actor, "ERASED", null, clock.instant());
		outbox.appendTombstone(Topics.CLIENT_PROFILES, clientId.toString());
	}

	/** A new check-in link; the old one stops working at once. */
	@Transactional
	public String rotateLink(UUID clientId, String actor) {
		records.lockClient(clientId);
		String token = LinkTokens.newToken();
		jdbc.sql("update client set link_token_hash = ? where id = ?").params(LinkTokens.hash(token), clientId).update();
		audit.record(clientId, actor, "LINK_ROTATED", null, clock.instant());
		return token;
	}

	/** A consent "until discharge" (until an event rather than a date) ends at discharge: it is no longer active. */
	private void endConsentsUntilDischarge(UUID clientId, String actor, Instant now) {
		int ended = jdbc.sql("""
				update consent set expires_at = ?
				where client_id = ? and expiry_event is not null and revoked_at is null
				  and (expires_at is null or expires_at > ?)""")
			.params(Timestamp.from(now), clientId, Timestamp.from(now))
			.update();
		if (ended > 0) {
			audit.record(clientId, actor, "CONSENTS_ENDED", ended + " consent(s) until discharge", now);
		}
	}

	private void writeSchedule(UUID clientId, RegistryChecks.Schedule schedule, Instant now) {
		jdbc.sql("""
				insert into schedule (client_id, due_times, grace_minutes, reminder_minutes_before, effective_from)
				values (?, ?, ?, ?, ?)
				on conflict (client_id) do update set due_times = excluded.due_times,
				  grace_minutes = excluded.grace_minutes, reminder_minutes_before = excluded.reminder_minutes_before,
				  effective_from = excluded.effective_from""")
			.params(clientId, schedule.dueTimes().stream().map(Time::valueOf).toArray(Time[]::new),
					schedule.graceMinutes(), schedule.reminderMinutesBefore(), Timestamp.from(now))
			.update();
	}
}
