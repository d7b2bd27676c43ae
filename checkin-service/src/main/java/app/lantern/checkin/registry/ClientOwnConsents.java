package app.lantern.checkin.registry;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a client does about their consents themselves, on their private page: signs one staff recorded for them to
 * sign, or stops one. Each takes effect at once (the profile is published in the same transaction) and is audited
 * as the client's own act.
 */
@Service
public class ClientOwnConsents {

	private final JdbcClient jdbc;

	private final ClientRecords records;

	private final ProfilePublisher profiles;

	private final Invitations invitations;

	private final AuditTrail audit;

	private final Clock clock;

	ClientOwnConsents(JdbcClient jdbc, ClientRecords records, ProfilePublisher profiles, Invitations invitations,
			AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.records = records;
		this.profiles = profiles;
		this.invitations = invitations;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The client signs a consent on their private page: the name they typed, the time, and the proof of the page
	 * they signed on are kept; from then on it discloses what it names, and the contact is invited. False when there
	 * is no such consent waiting for their signature (signed already, revoked, another client's).
	 */
	@Transactional
	public boolean signByClient(UUID clientId, UUID consentId, String typedName, String pageProofHash) {
		records.lockClient(clientId);
		Instant now = clock.instant();
		UUID contactId = jdbc.sql("""
				update consent set signed_at = ?, signed_by = 'CLIENT', signature = ?, signature_proof = ?
				where id = ? and client_id = ? and signed_at is null and revoked_at is null and contact_id is not null
				returning contact_id""")
			.params(Timestamp.from(now), typedName, pageProofHash, consentId, clientId)
			.query(UUID.class)
			.optional()
			.orElse(null);
		if (contactId == null) {
			return false;
		}
		audit.record(clientId, "client", "CONSENT_SIGNED", "consent " + consentId + ", signed by the client on "
				+ "their page", now);
		profiles.changed(clientId);
		invitations.inviteOnceConsented(clientId, contactId, now);
		return true;
	}

	/** The client stops a consent on their own page: at once, as staff would, and audited as their own act. */
	@Transactional
	public boolean revokeByClient(UUID clientId, UUID consentId) {
		records.lockClient(clientId);
		Instant now = clock.instant();
		int changed = jdbc.sql("""
				update consent set revoked_at = ?, revoked_by = 'client'
				where id = ? and client_id = ? and revoked_at is null""")
			.params(Timestamp.from(now), consentId, clientId)
			.update();
		if (changed == 0) {
			return false;
		}
		audit.record(clientId, "client", "CONSENT_REVOKED", "consent " + consentId + ", by the client on their page",
				now);
		profiles.changed(clientId);
		return true;
	}
}
