package app.lantern.checkin.registry;

import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.programmes.Programmes;
import app.lantern.checkin.web.ConflictException;
import app.lantern.checkin.web.NotFoundException;
import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people a client chose and what they may be told: contacts, the client's consents, the contacts' own
 * opt-in. Each change is checked first, then made in one transaction with its audit line and the republished
 * profile — so a revocation reaches the notifier in the same commit that the API acknowledges.
 */
@Service
public class SupportNetwork {

	/** Support contacts a client may have: the profile that carries them all must stay a small Kafka record. */
	static final int MAX_CONTACTS = 20;

	private final JdbcClient jdbc;

	private final ClientRecords records;

	private final ProfilePublisher profiles;

	private final Invitations invitations;

	private final AuditTrail audit;

	private final Clock clock;

	private final Programmes programmes;

	SupportNetwork(JdbcClient jdbc, ClientRecords records, ProfilePublisher profiles, Invitations invitations,
			AuditTrail audit, Clock clock, Programmes programmes) {
		this.programmes = programmes;
		this.jdbc = jdbc;
		this.records = records;
		this.profiles = profiles;
		this.invitations = invitations;
		this.audit = audit;
		this.clock = clock;
	}

	/** Adds a contact. They are invited once the client consents to tell them; until they opt in, they are told nothing. */
	@Transactional
	public UUID addContact(UUID clientId, RegistryRequests.NewContact request, String actor) {
		NetworkChecks.Contact contact = NetworkChecks.contact(request, region(clientId));
		records.lockClient(clientId);
		int contacts = jdbc.sql("select count(*) from support_contact where client_id = ?").param(clientId)
			.query(Integer.class).single();
		if (contacts >= MAX_CONTACTS) {
			throw new ConflictException("contacts", "a client has at most " + MAX_CONTACTS
					+ " support contacts: remove one before adding another");
		}
		Instant now = clock.instant();
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into support_contact (id, client_id, name, role, phone, email, channels, tier, timezone,
				  quiet_start, quiet_end, any_hour, created_at, language)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, clientId, contact.name(), contact.role().name(), contact.phone(), contact.email(),
					contact.channels().stream().map(Enum::name).toArray(String[]::new), contact.tier(),
					contact.timezone() == null ? null : contact.timezone().getId(),
					contact.quietStart() == null ? null : Time.valueOf(contact.quietStart()),
					contact.quietEnd() == null ? null : Time.valueOf(contact.quietEnd()), contact.anyHour(),
					Timestamp.from(now), contact.language())
			.update();
		audit.record(clientId, actor, "CONTACT_ADDED", "contact " + id, now);
		profiles.changed(clientId);
		return id;
	}

	/**
	 * Changes a contact: the whole contact as at {@link #addContact}, checked the same way. A new number or
	 * address must be confirmed by the contact again (they are invited on it, if the client has consented to
	 * tell them): the person who opted in was the one at the old one.
	 */
	@Transactional
	public void changeContact(UUID clientId, UUID contactId, RegistryRequests.NewContact request, String actor) {
		NetworkChecks.Contact contact = NetworkChecks.contact(request, region(clientId));
		records.lockClient(clientId);
		records.requireContact(clientId, contactId);
		Instant now = clock.instant();
		var before = jdbc.sql("select phone, email from support_contact where id = ?").param(contactId)
			.query((rs, n) -> new String[] { rs.getString("phone"), rs.getString("email") }).single();
		boolean newPhone = !Objects.equals(before[0], contact.phone());
		boolean newEmail = !Objects.equals(before[1], contact.email());
		jdbc.sql("""
				update support_contact set name = ?, role = ?, phone = ?, email = ?, channels = ?, tier = ?,
				  timezone = ?, quiet_start = ?, quiet_end = ?, any_hour = ?, language = ?,
				  sms_confirmed_at = case when ? then null else sms_confirmed_at end,
				  email_confirmed_at = case when ? then null else email_confirmed_at end,
				  email_invitation_hash = case when ? then null else email_invitation_hash end
				where id = ?""")
			.params(contact.name(), contact.role().name(), contact.phone(), contact.email(),
					contact.channels().stream().map(Enum::name).toArray(String[]::new), contact.tier(),
					contact.timezone() == null ? null : contact.timezone().getId(),
					contact.quietStart() == null ? null : Time.valueOf(contact.quietStart()),
					contact.quietEnd() == null ? null : Time.valueOf(contact.quietEnd()), contact.anyHour(),
					contact.language(), newPhone, newEmail, newEmail, contactId)
			.update();
		audit.record(clientId, actor, "CONTACT_CHANGED", "contact " + contactId
				+ (newPhone ? ", new phone" : "") + (newEmail ? ", new e-mail" : ""), now);
		profiles.changed(clientId);
		Set<ContactChannel> again = EnumSet.noneOf(ContactChannel.class);
		if (newPhone && contact.channels().contains(ContactChannel.SMS)) {
			again.add(ContactChannel.SMS);
		}
		if (newEmail && contact.channels().contains(ContactChannel.EMAIL)) {
			again.add(ContactChannel.EMAIL);
		}
		invitations.inviteAgain(clientId, contactId, again, now);
	}

	/**
	 * Removes a contact: they are told nothing more from the moment this commits. Their consents end (revoked, with
	 * the reason) and are kept, naming them as they were, as is every disclosure made to them.
	 */
	@Transactional
	public void removeContact(UUID clientId, UUID contactId, String actor) {
		records.lockClient(clientId);
		records.requireContact(clientId, contactId);
		Instant now = clock.instant();
		// their consents end, and stay: what the client agreed to, and whom it named, is part of the record
		jdbc.sql("""
				update consent set revoked_at = coalesce(revoked_at, ?), revoked_by = coalesce(revoked_by, ?),
				  ended_reason = coalesce(ended_reason, 'CONTACT_REMOVED')
				where contact_id = ? and client_id = ?""")
			.params(Timestamp.from(now), actor, contactId, clientId)
			.update();
		jdbc.sql("delete from support_contact where id = ? and client_id = ?").params(contactId, clientId).update();
		audit.record(clientId, actor, "CONTACT_REMOVED", "contact " + contactId, now);
		profiles.changed(clientId);
	}

	private String region(UUID clientId) {
		return programmes.ofClient(clientId).map(Programmes.Programme::defaultRegion)
			.orElseThrow(() -> new NotFoundException("client"));
	}

	/**
	 * Records the client's consent to tell one contact about the listed kinds of alert, until expiry: "today"
	 * and the end of the expiry day are the client's, in their zone.
	 */
	@Transactional
	public UUID grantConsent(UUID clientId, UUID contactId, RegistryRequests.NewConsent request, String actor) {
		ZoneId zone = records.lockClient(clientId);
		Instant now = clock.instant();
		NetworkChecks.Consent consent = NetworkChecks.consent(request, LocalDate.ofInstant(now, zone));
		records.requireContact(clientId, contactId);
		UUID id = UUID.randomUUID();
		Instant expiresAt = ClientProfile.Consent.endOf(consent.expiresOn(), zone);
		jdbc.sql("""
				insert into consent (id, client_id, contact_id, alert_types, purpose, given_at, expires_on,
				  expires_at, expiry_event, recorded_by, contact_name, contact_role, signed_at, signed_by)
				select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, s.name, s.role, ?, ? from support_contact s where s.id = ?""")
			.params(id, clientId, contactId, consent.alertTypes().stream().map(Enum::name).toArray(String[]::new),
					consent.purpose(), Timestamp.from(now), consent.expiresOn(),
					expiresAt == null ? null : Timestamp.from(expiresAt), consent.expiryEvent(), actor,
					consent.onPaper() ? Timestamp.from(now) : null, consent.onPaper() ? "PAPER" : null, contactId)
			.update();
		if (!consent.onPaper()) {
			// nothing is disclosed, and the contact hears nothing, until the client signs it on their page
			audit.record(clientId, actor, "CONSENT_RECORDED", "consent " + id + " for contact " + contactId
					+ ", for the client to sign on their page", now);
			return id;
		}
		audit.record(clientId, actor, "CONSENT_GIVEN", "consent " + id + " for contact " + contactId
				+ ", signed on paper, seen by " + actor, now);
		profiles.changed(clientId);
		invitations.inviteOnceConsented(clientId, contactId, now);
		return id;
	}

	/** Revocation takes effect at once: the profile that says so is published in this same transaction. */
	@Transactional
	public void revokeConsent(UUID clientId, UUID contactId, UUID consentId, String actor) {
		records.lockClient(clientId);
		Instant now = clock.instant();
		int changed = jdbc.sql("""
				update consent set revoked_at = ?, revoked_by = ?
				where id = ? and contact_id = ? and client_id = ? and revoked_at is null""")
			.params(Timestamp.from(now), actor, consentId, contactId, clientId)
			.update();
		if (changed == 0) {
			boolean exists = jdbc.sql("select count(*) from consent where id = ? and contact_id = ? and client_id = ?")
				.params(consentId, contactId, clientId).query(Integer.class).single() > 0;
			if (!exists) {
				throw new NotFoundException("consent");
			}
			return; // already revoked: revoking again changes nothing
		}
		audit.record(clientId, actor, "CONSENT_REVOKED", "consent " + consentId, now);
		profiles.changed(clientId);
	}

	/**
	 * The contact's own opt-in on one channel, as staff heard it from them (in person or on a call); the
	 * invitation flow records the same when the contact replies YES or follows the e-mail link.
	 */
	@Transactional
	public void confirmOptIn(UUID clientId, UUID contactId, RegistryRequests.OptIn request, String actor) {
		ContactChannel channel = NetworkChecks.optIn(request);
		records.lockClient(clientId);
		records.requireContact(clientId, contactId);
		Instant now = clock.instant();
		String column = channel == ContactChannel.SMS ? "sms_confirmed_at" : "email_confirmed_at";
		jdbc.sql("update support_contact set " + column + " = coalesce(" + column + ", ?) where id = ?")
			.params(Timestamp.from(now), contactId)
			.update();
		audit.record(clientId, actor, "CONTACT_OPTED_IN", "contact " + contactId + " on " + channel, now);
		profiles.changed(clientId);
	}
}
