package app.lantern.checkin.registry;

import java.sql.Time;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import app.lantern.checkin.web.ConflictException;
import app.lantern.checkin.web.NotFoundException;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.ContactChannel;
import app.lantern.events.Topics;
import app.lantern.platform.outbox.Outbox;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change to a client's record: each in one transaction with its audit line and the republished
 * profile, so the registry, the audit trail and what the other services know never disagree.
 */
@Service
public class ClientRegistry {

	private final JdbcClient jdbc;

	private final ProfilePublisher profiles;

	private final Invitations invitations;

	private final Outbox outbox;

	private final Clock clock;

	ClientRegistry(JdbcClient jdbc, ProfilePublisher profiles, Invitations invitations, Outbox outbox, Clock clock) {
		this.jdbc = jdbc;
		this.profiles = profiles;
		this.invitations = invitations;
		this.outbox = outbox;
		this.clock = clock;
	}

	public record Enrolled(UUID id, String linkToken) {
	}

	@Transactional
	public Enrolled enrol(RegistryChecks.Enrolment enrolment, String actor) {
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
						LinkTokens.hash(token), java.sql.Timestamp.from(now))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("phone", "a client with this phone number is already enrolled");
		}
		writeSchedule(id, enrolment.schedule(), now);
		audit(id, actor, "ENROLLED", null, now);
		profiles.publish(id);
		return new Enrolled(id, token);
	}

	/** Enrolment from the console's form: the same checks as the API, the same errors. */
	@Transactional
	public UUID enrolFromForm(String displayName, String phone, String email, String timezone, List<String> dueTimes,
			Integer graceMinutes, Integer reminderMinutesBefore, Integer cravingThreshold, List<String> copingPlan,
			String actor) {
		var body = new RegistryRequests.Enrolment(displayName, phone, email, timezone,
				new RegistryRequests.ScheduleBody(dueTimes, graceMinutes, reminderMinutesBefore), cravingThreshold,
				copingPlan);
		return enrol(RegistryChecks.enrolment(body, java.time.LocalDate.now(clock)), actor).id();
	}

	/** A contact from the console's form, with the API's checks. */
	@Transactional
	public UUID addContactFromForm(UUID clientId, String name, String role, String phone, String email,
			List<String> channels, Integer tier, String actor) {
		return addContact(clientId, RegistryChecks.contact(new RegistryRequests.NewContact(name, role,
				phone == null || phone.isBlank() ? null : phone, email == null || email.isBlank() ? null : email,
				channels, tier, null, null, null)), actor);
	}

	/** A consent from the console's form, with the API's checks; "today" is the client's. */
	@Transactional
	public UUID grantConsentFromForm(UUID clientId, UUID contactId, List<String> alertTypes, String purpose,
			String expiresOn, String expiryEvent, String actor) {
		ZoneId zone = requireClient(clientId);
		var consent = RegistryChecks.consent(new RegistryRequests.NewConsent(alertTypes, purpose,
				expiresOn == null || expiresOn.isBlank() ? null : expiresOn,
				expiryEvent == null || expiryEvent.isBlank() ? null : expiryEvent),
				java.time.LocalDate.ofInstant(clock.instant(), zone));
		return grantConsent(clientId, contactId, consent, actor);
	}

	@Transactional
	public void changeSchedule(UUID clientId, RegistryChecks.Schedule schedule, String actor) {
		Instant now = clock.instant();
		requireClient(clientId);
		writeSchedule(clientId, schedule, now);
		audit(clientId, actor, "SCHEDULE_CHANGED", schedule.dueTimes().toString(), now);
		profiles.changed(clientId);
	}

	@Transactional
	public void changeStatus(UUID clientId, ClientStatus status, String actor) {
		Instant now = clock.instant();
		requireClient(clientId);
		jdbc.sql("update client set status = ? where id = ?").params(status.name(), clientId).update();
		audit(clientId, actor, "STATUS_CHANGED", status.name(), now);
		profiles.changed(clientId);
	}

	@Transactional
	public UUID addContact(UUID clientId, RegistryChecks.Contact contact, String actor) {
		Instant now = clock.instant();
		requireClient(clientId);
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into support_contact (id, client_id, name, role, phone, email, channels, tier, timezone,
				  quiet_start, quiet_end, any_hour, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, clientId, contact.name(), contact.role().name(), contact.phone(), contact.email(),
					contact.channels().stream().map(Enum::name).toArray(String[]::new), contact.tier(),
					contact.timezone() == null ? null : contact.timezone().getId(),
					contact.quietStart() == null ? null : Time.valueOf(contact.quietStart()),
					contact.quietEnd() == null ? null : Time.valueOf(contact.quietEnd()), contact.anyHour(),
					java.sql.Timestamp.from(now))
			.update();
		audit(clientId, actor, "CONTACT_ADDED", "contact " + id, now);
		profiles.changed(clientId);
		invitations.invite(clientId, id, contact.channels(), now);
		return id;
	}

	/** Records the client's consent to tell one contact about the listed kinds of alert, until expiry. */
	@Transactional
	public UUID grantConsent(UUID clientId, UUID contactId, RegistryChecks.Consent consent, String actor) {
		Instant now = clock.instant();
		ZoneId zone = requireClient(clientId);
		requireContact(clientId, contactId);
		UUID id = UUID.randomUUID();
		LocalDate expiresOn = consent.expiresOn();
		Instant expiresAt = ClientProfile.Consent.endOf(expiresOn, zone);
		jdbc.sql("""
				insert into consent (id, client_id, contact_id, alert_types, purpose, given_at, expires_on,
				  expires_at, expiry_event, recorded_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, clientId, contactId, consent.alertTypes().stream().map(Enum::name).toArray(String[]::new),
					consent.purpose(), java.sql.Timestamp.from(now), expiresOn,
					expiresAt == null ? null : java.sql.Timestamp.from(expiresAt), consent.expiryEvent(), actor)
			.update();
		audit(clientId, actor, "CONSENT_GIVEN", "consent " + id + " for contact " + contactId, now);
		profiles.changed(clientId);
		return id;
	}

	/** Revocation takes effect at once: the profile that says so is published in this same transaction. */
	@Transactional
	public void revokeConsent(UUID clientId, UUID contactId, UUID consentId, String actor) {
		Instant now = clock.instant();
		requireClient(clientId);
		int changed = jdbc.sql("""
				update consent set revoked_at = ?, revoked_by = ?
				where id = ? and contact_id = ? and client_id = ? and revoked_at is null""")
			.params(java.sql.Timestamp.from(now), actor, consentId, contactId, clientId)
			.update();
		if (changed == 0) {
			boolean exists = jdbc.sql("select count(*) from consent where id = ? and contact_id = ? and client_id = ?")
				.params(consentId, contactId, clientId).query(Integer.class).single() > 0;
			if (!exists) {
				throw new NotFoundException("consent");
			}
			return; // already revoked: revoking again changes nothing
		}
		audit(clientId, actor, "CONSENT_REVOKED", "consent " + consentId, now);
		profiles.changed(clientId);
	}

	/**
	 * The contact's own opt-in on one channel, as staff heard it from them (in person or on a call); the
	 * invitation flow records the same when the contact replies YES or follows the e-mail link.
	 */
	@Transactional
	public void confirmOptIn(UUID clientId, UUID contactId, ContactChannel channel, String actor) {
		Instant now = clock.instant();
		requireClient(clientId);
		requireContact(clientId, contactId);
		String column = channel == ContactChannel.SMS ? "sms_confirmed_at" : "email_confirmed_at";
		jdbc.sql("update support_contact set " + column + " = coalesce(" + column + ", ?) where id = ?")
			.params(java.sql.Timestamp.from(now), contactId)
			.update();
		audit(clientId, actor, "CONTACT_OPTED_IN", "contact " + contactId + " on " + channel, now);
		profiles.changed(clientId);
	}

	/**
	 * Erases a client: their record, contacts, consents and check-ins are deleted, and a tombstone on the
	 * compacted profile topic makes every other service forget them. The audit trail and the disclosure log
	 * keep their ids only, as the accounting of disclosures must outlive the record.
	 */
	@Transactional
	public void erase(UUID clientId, String actor) {
		Instant now = clock.instant();
		requireClient(clientId);
		jdbc.sql("delete from client where id = ?").param(clientId).update();
		audit(clientId, actor, "ERASED", null, now);
		outbox.appendTombstone(Topics.CLIENT_PROFILES, clientId.toString());
	}

	/** A new check-in link; the old one stops working at once. */
	@Transactional
	public String rotateLink(UUID clientId, String actor) {
		requireClient(clientId);
		String token = LinkTokens.newToken();
		jdbc.sql("update client set link_token_hash = ? where id = ?").params(LinkTokens.hash(token), clientId).update();
		audit(clientId, actor, "LINK_ROTATED", null, clock.instant());
		return token;
	}

	private void writeSchedule(UUID clientId, RegistryChecks.Schedule schedule, Instant now) {
		jdbc.sql("""
				insert into schedule (client_id, due_times, grace_minutes, reminder_minutes_before, effective_from)
				values (?, ?, ?, ?, ?)
				on conflict (client_id) do update set due_times = excluded.due_times,
				  grace_minutes = excluded.grace_minutes, reminder_minutes_before = excluded.reminder_minutes_before,
				  effective_from = excluded.effective_from""")
			.params(clientId, schedule.dueTimes().stream().map(Time::valueOf).toArray(Time[]::new),
					schedule.graceMinutes(), schedule.reminderMinutesBefore(), java.sql.Timestamp.from(now))
			.update();
	}

	private ZoneId requireClient(UUID clientId) {
		return jdbc.sql("select timezone from client where id = ? for update")
			.param(clientId)
			.query(String.class)
			.optional()
			.map(ZoneId::of)
			.orElseThrow(() -> new NotFoundException("client"));
	}

	private void requireContact(UUID clientId, UUID contactId) {
		boolean exists = jdbc.sql("select count(*) from support_contact where id = ? and client_id = ?")
			.params(contactId, clientId)
			.query(Integer.class)
			.single() > 0;
		if (!exists) {
			throw new NotFoundException("contact");
		}
	}

	private void audit(UUID clientId, String actor, String action, String detail, Instant at) {
		jdbc.sql("insert into audit_event (client_id, actor, action, detail, at) values (?, ?, ?, ?, ?)")
			.params(clientId, actor, action, detail, java.sql.Timestamp.from(at))
			.update();
	}
}
