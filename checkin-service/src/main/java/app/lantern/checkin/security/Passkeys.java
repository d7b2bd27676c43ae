package app.lantern.checkin.security;

import java.util.List;

import app.lantern.checkin.audit.AuditTrail;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

/**
 * Staff's passkeys, in PostgreSQL by Spring Security's own repository; a passkey added or removed is audited (the
 * same repository saves each sign-in's signature count, which is not).
 */
class Passkeys implements UserCredentialRepository {

	private final JdbcUserCredentialRepository stored;

	private final AuditTrail audit;

	Passkeys(JdbcOperations jdbc, AuditTrail audit) {
		this.stored = new JdbcUserCredentialRepository(jdbc);
		this.audit = audit;
	}

	@Override
	public void save(CredentialRecord credential) {
		boolean added = stored.findByCredentialId(credential.getCredentialId()) == null;
		stored.save(credential);
		if (added) {
			audited("SECOND_FACTOR_ADDED");
		}
	}

	@Override
	public void delete(Bytes credentialId) {
		stored.delete(credentialId);
		audited("SECOND_FACTOR_REMOVED");
	}

	@Override
	public CredentialRecord findByCredentialId(Bytes credentialId) {
		return stored.findByCredentialId(credentialId);
	}

	@Override
	public List<CredentialRecord> findByUserId(Bytes userId) {
		return stored.findByUserId(userId);
	}

	private void audited(String action) {
		var signedIn = SecurityContextHolder.getContext().getAuthentication();
		audit.recordOf("staff " + (signedIn == null ? "unknown" : signedIn.getName()), action, "passkey");
	}
}
