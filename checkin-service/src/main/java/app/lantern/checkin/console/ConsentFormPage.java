package app.lantern.checkin.console;

import java.security.Principal;
import java.time.Clock;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.registry.ConsentForms;
import app.lantern.checkin.web.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A consent's printable form, for the client's file: every element 42 CFR 2.31 asks for, the signature (the name
 * the client typed on their page, or "signed on paper", seen by whom), and, once it ended, when and by whom. The
 * browser prints it (or saves it as PDF). Seeing it is audited.
 */
@Controller
class ConsentFormPage {

	private final ConsentForms forms;

	private final AuditTrail audit;

	private final Clock clock;

	ConsentFormPage(ConsentForms forms, AuditTrail audit, Clock clock) {
		this.forms = forms;
		this.audit = audit;
		this.clock = clock;
	}

	@GetMapping("/clients/{id}/consents/{consentId}")
	String form(@PathVariable UUID id, @PathVariable UUID consentId, Model model, Principal staff) {
		model.addAttribute("consent", forms.find(id, consentId, clock.instant())
			.orElseThrow(() -> new NotFoundException("consent")));
		audit.viewed(id, staff.getName(), "CONSENT_FORM");
		return "console/consent";
	}
}
