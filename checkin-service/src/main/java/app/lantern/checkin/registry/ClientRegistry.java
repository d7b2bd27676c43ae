package app.lantern.checkin.registry;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.programmes.ProgrammeScope;
import app.lantern.checkin.programmes.Programmes;
import app.lantern.checkin.web.ConflictException;
import app.lantern.checkin.web.FieldChecks;
import app.lantern.checkin.web.InvalidFieldsException;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A client's record through its life: enrolment, changes, schedule, status (the check-in link is
 * {@link CheckInLinks}; a pause ending by itself {@link PausesEnding}; erasure {@link Erasure}). Each change
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

	private final Clock clock;

	private final Programmes programmes;

	private final CheckInLinks links;

	private final EnrolmentRows rows;

	ClientRegistry(JdbcClient jdbc, EnrolmentRows rows, ClientRecords records, ProfilePublisher profiles,
			AuditTrail audit, Clock clock, Programmes programmes, CheckInLinks links) {
		this.rows = rows;
		this.programmes = programmes;
		this.links = links;
		this.jdbc = jdbc;
		this.records = records;
		this.profiles = profiles;
		this.audit = audit;
		this.clock = clock;
	}

	public record Enrolled(UUID id, String linkToken) {
	}

	/**
	 * Enrols a client in a programme the staff user works in, and sends them their welcome: the programme's
	 * name, their private check-in link, how to check in by SMS, and STOP/HELP.
	 */
	@Transactional
	public Enrolled enrol(RegistryRequests.Enrolment request, String actor) {
		Programmes.Programme programme = programmeFor(request == null ? null : request.programme());
		RegistryChecks.Enrolment enrolment = RegistryChecks.enrolment(request, LocalDate.now(clock),
				programme.defaultRegion());
		requirePhoneFree(enrolment.phone(), null, actor);
		Instant now = clock.instant();
		Enrolled enrolled = store(enrolment, programme, actor, now);
		links.welcome(enrolled.id(), enrolled.linkToken(), programme, now);
		return enrolled;
	}

	/** An enrolment checked as {@link #enrol} checks it, in the programme it names; its problem names each field. */
	RegistryChecks.Enrolment checked(RegistryRequests.Enrolment request, Programmes.Programme programme) {
		return RegistryChecks.enrolment(request, LocalDate.now(clock), programme.defaultRegion());
	}

	/**
	 * Stores a checked enrolment — the client, their schedule, the audit line, the profile on the outbox — and
	 * answers its link (not yet sent).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Enrolled store(RegistryChecks.Enrolment enrolment, Programmes.Programme programme, String actor, Instant now) {
		return rows.storeAll(List.of(new EnrolmentRows.Checked(enrolment, programme)), actor, now).get(0);
	}

	/**
	 * The programme a new client joins: the one asked for, if the staff user works in it (an unknown one or
	 * another's is named as the wrong field); when none is asked for, the default programme — or the staff
	 * user's own, when they work in exactly one other.
	 */
	Programmes.Programme programmeFor(String requested) {
		ProgrammeScope scope = programmes.current();
		if (requested == null || requested.isBlank()) {
			String fallback = scope.includes(Programmes.DEFAULT) || scope.programmes().size() != 1 ? Programmes.DEFAULT
					: scope.programmes().iterator().next();
			if (!scope.includes(fallback)) {
				new FieldChecks().reject("programme", "is required: you work in several programmes").throwIfAny();
			}
			return programmes.find(fallback).orElseThrow();
		}
		return programmes.find(requested.trim())
			.filter(programme -> scope.includes(programme.id()))
			.orElseThrow(() -> new InvalidFieldsException(List.of(new InvalidFieldsException.FieldError("programme",
					"is not a programme you work in"))));
	}

	/** A change to the client's own fields: only those the request names. */
	@Transactional
	public void change(UUID clientId, RegistryRequests.ClientChange request, String actor) {
		String region = programmes.ofClient(clientId).map(Programmes.Programme::defaultRegion).orElse("US");
		RegistryChecks.Change change = RegistryChecks.change(request, region);
		records.lockClient(clientId);
		requirePhoneFree(change.phone(), clientId, actor);
		Instant now = clock.instant();
		List<String> changed = new ArrayList<>();
		try {
			set(clientId, "display_name", change.displayName(), "displayName", changed);
			set(clientId, "phone", change.phone(), "phone", changed);
			if (change.emailRemoved()) {
				jdbc.sql("update client set email = null where id = ?").param(clientId).update();
				changed.add("email");
			}
			set(clientId, "email", change.email(), "email", changed);
			set(clientId, "timezone", change.timezone() == null ? null : change.timezone().getId(), "timezone", changed);
			set(clientId, "craving_threshold", change.cravingThreshold(), "cravingThreshold", changed);
			set(clientId, "language", change.language(), "language", changed);
			set(clientId, "coping_plan", change.copingPlan() == null ? null : change.copingPlan().toArray(String[]::new),
					"copingPlan", changed);
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("phone", "this phone number cannot be used for this client: ask an ADMIN");
		}
		if (changed.isEmpty()) {
			return;
		}
		// the audit names the fields that changed, never their values
		audit.record(clientId, actor, "CLIENT_CHANGED", String.join(", ", changed), now);
		profiles.changed(clientId);
	}

	private void set(UUID clientId, String column, Object value, String field, List<String> changed) {
		if (value != null) {
			jdbc.sql("update client set " + column + " = ? where id = ?").params(value, clientId).update();
			changed.add(field);
		}
	}

	@Transactional
	public void changeSchedule(UUID clientId, RegistryRequests.ScheduleBody request, String actor) {
		RegistryChecks.Schedule schedule = RegistryChecks.schedule(request);
		ZoneId zone = records.lockClient(clientId);
		Instant now = clock.instant();
		ClientProfile.Schedule written = rows.writeSchedule(clientId, schedule, zone, now);
		audit.record(clientId, actor, "SCHEDULE_CHANGED", ScheduleWords.of(written), now);
		profiles.changed(clientId);
	}

	/** Pause (until a date of the client's, if given), resume, or discharge. */
	@Transactional
	public void changeStatus(UUID clientId, RegistryRequests.StatusChange request, String actor) {
		ZoneId zone = records.lockClient(clientId);
		Instant now = clock.instant();
		RegistryChecks.Status change = RegistryChecks.status(request, LocalDate.ofInstant(now, zone));
		ClientStatus status = change.status();
		jdbc.sql("update client set status = ?, resume_on = ? where id = ?")
			.params(status.name(), change.resumeOn(), clientId)
			.update();
		audit.record(clientId, actor, "STATUS_CHANGED",
				status.name() + (change.resumeOn() == null ? "" : " until " + change.resumeOn()), now);
		if (status == ClientStatus.DISCHARGED) {
			endConsentsUntilDischarge(clientId, actor, now);
		}
		profiles.changed(clientId);
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

	/** Stores the schedule; a step-down plan without its first day starts today, in the client's zone. */
	/**
	 * A phone number takes one client across Lantern (an SMS must find its client). Staff who can see that client
	 * are told so; anyone else learns nothing about another programme's clients — only that the number cannot be
	 * used, and that an ADMIN (who sees the collision in the audit trail) can say why.
	 */
	private void requirePhoneFree(String phone, UUID clientId, String actor) {
		if (phone == null) {
			return;
		}
		Optional<UUID> holder = jdbc.sql("select id from client where phone = ? and id is distinct from ?")
			.params(phone, clientId).query(UUID.class).optional();
		if (holder.isEmpty()) {
			return;
		}
		boolean visible = programmes.ofClient(holder.get())
			.map(programme -> programmes.current().includes(programme.id())).orElse(false);
		if (visible) {
			throw new ConflictException("phone", "a client with this phone number is already enrolled");
		}
		// kept though the enrolment it refuses is rolled back
		audit.recordApart(holder.get(), actor, "PHONE_COLLISION", "a staff user of another programme tried this "
				+ "client's number", clock.instant());
		throw new ConflictException("phone", "this phone number cannot be used for this client: ask an ADMIN");
	}
}
