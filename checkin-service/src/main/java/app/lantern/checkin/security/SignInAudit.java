package app.lantern.checkin.security;

import app.lantern.checkin.audit.AuditTrail;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Sign-ins to the console and every failed sign-in (console or API) go to the audit trail. A failure names the
 * account only when there is one: people type passwords into the name field, and that must not be kept.
 */
@Component
class SignInAudit {

	private final AuditTrail audit;

	private final StaffUsers users;

	SignInAudit(AuditTrail audit, StaffUsers users) {
		this.audit = audit;
		this.users = users;
	}

	@EventListener
	void signedIn(InteractiveAuthenticationSuccessEvent event) {
		String username = event.getAuthentication().getName();
		audit.recordOf("staff " + username, username, "SIGNED_IN", null);
	}

	@EventListener
	void failed(AbstractAuthenticationFailureEvent event) {
		String attempted = event.getAuthentication().getName();
		boolean known = attempted != null && users.exists(attempted);
		audit.recordOf(known ? "staff " + attempted : "unknown user", known ? attempted : "unknown",
				"SIGN_IN_FAILED", event.getException().getClass().getSimpleName());
	}
}
