package app.lantern.checkin.console;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import app.lantern.checkin.registry.RegistryRequests;
import app.lantern.checkin.registry.SupportNetwork;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The client page's forms for the support network: contacts, consents, revocation, opt-in heard by staff. */
@Controller
class NetworkForms {

	private final SupportNetwork network;

	NetworkForms(SupportNetwork network) {
		this.network = network;
	}

	@PostMapping("/clients/{id}/contacts")
	String addContact(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Principal staff,
			RedirectAttributes redirect) {
		var request = contact(form);
		return Forms.onClientPage(id, redirect, "Contact added.", () -> network.addContact(id, request, staff.getName()));
	}

	@PostMapping("/clients/{id}/contacts/{contactId}/edit")
	String changeContact(@PathVariable UUID id, @PathVariable UUID contactId,
			@RequestParam MultiValueMap<String, String> form, Principal staff, RedirectAttributes redirect) {
		var request = contact(form);
		return Forms.onClientPage(id, redirect, "Contact saved.",
				() -> network.changeContact(id, contactId, request, staff.getName()));
	}

	@PostMapping("/clients/{id}/contacts/{contactId}/remove")
	String removeContact(@PathVariable UUID id, @PathVariable UUID contactId, Principal staff,
			RedirectAttributes redirect) {
		return Forms.onClientPage(id, redirect, "Contact removed: they will be told nothing more.",
				() -> network.removeContact(id, contactId, staff.getName()));
	}

	@PostMapping("/clients/{id}/contacts/{contactId}/consents")
	String grant(@PathVariable UUID id, @PathVariable UUID contactId, @RequestParam MultiValueMap<String, String> form,
			Principal staff, RedirectAttributes redirect) {
		boolean untilDischarge = "discharge".equals(form.getFirst("until"));
		var request = new RegistryRequests.NewConsent(form.getOrDefault("alertTypes", List.of()),
				form.getFirst("purpose"), untilDischarge ? null : Forms.blankAsNull(form.getFirst("expiresOn")),
				untilDischarge ? "discharge from the programme" : Forms.blankAsNull(form.getFirst("expiryEvent")),
				Forms.blankAsNull(form.getFirst("signature")));
		boolean onThePage = "CLIENT_PAGE".equals(form.getFirst("signature"));
		return Forms.onClientPage(id, redirect, onThePage
				? "Consent recorded for the client to sign on their page (\"Who may be told about you\"): nothing is told until they do."
				: "Consent recorded, signed on paper.",
				() -> network.grantConsent(id, contactId, request, staff.getName()));
	}

	@PostMapping("/clients/{id}/contacts/{contactId}/consents/{consentId}/revoke")
	String revoke(@PathVariable UUID id, @PathVariable UUID contactId, @PathVariable UUID consentId, Principal staff,
			RedirectAttributes redirect) {
		return Forms.onClientPage(id, redirect, "Consent revoked: it no longer lets anyone be told.",
				() -> network.revokeConsent(id, contactId, consentId, staff.getName()));
	}

	@PostMapping("/clients/{id}/contacts/{contactId}/opt-in")
	String optIn(@PathVariable UUID id, @PathVariable UUID contactId, @RequestParam String channel, Principal staff,
			RedirectAttributes redirect) {
		return Forms.onClientPage(id, redirect, "Opt-in recorded.",
				() -> network.confirmOptIn(id, contactId, new RegistryRequests.OptIn(channel), staff.getName()));
	}

	/** A contact from the form: quiet hours from two times (both blank: none), "any hour" from a checkbox. */
	private static RegistryRequests.NewContact contact(MultiValueMap<String, String> form) {
		String quietStart = Forms.blankAsNull(form.getFirst("quietStart"));
		String quietEnd = Forms.blankAsNull(form.getFirst("quietEnd"));
		var quiet = quietStart == null && quietEnd == null ? null
				: new RegistryRequests.QuietHoursBody(quietStart, quietEnd);
		return new RegistryRequests.NewContact(form.getFirst("name"), form.getFirst("role"),
				Forms.blankAsNull(form.getFirst("phone")), Forms.blankAsNull(form.getFirst("email")),
				form.getOrDefault("channels", List.of()), Forms.number(form.getFirst("tier")),
				Forms.blankAsNull(form.getFirst("timezone")), quiet, form.containsKey("anyHour"),
				Forms.blankAsNull(form.getFirst("language")));
	}
}
