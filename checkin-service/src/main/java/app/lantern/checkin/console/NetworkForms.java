package app.lantern.checkin.console;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import app.lantern.checkin.registry.RegistryRequests;
import app.lantern.checkin.registry.SupportNetwork;
import app.lantern.checkin.web.InvalidFieldsException;
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
		var request = new RegistryRequests.NewContact(form.getFirst("name"), form.getFirst("role"),
				blankAsNull(form.getFirst("phone")), blankAsNull(form.getFirst("email")),
				form.getOrDefault("channels", List.of()), number(form.getFirst("tier")), null, null, null);
		return checked(id, redirect, () -> network.addContact(id, request, staff.getName()));
	}

	@PostMapping("/clients/{id}/contacts/{contactId}/consents")
	String grant(@PathVariable UUID id, @PathVariable UUID contactId, @RequestParam MultiValueMap<String, String> form,
			Principal staff, RedirectAttributes redirect) {
		var request = new RegistryRequests.NewConsent(form.getOrDefault("alertTypes", List.of()),
				form.getFirst("purpose"), blankAsNull(form.getFirst("expiresOn")),
				blankAsNull(form.getFirst("expiryEvent")));
		return checked(id, redirect, () -> network.grantConsent(id, contactId, request, staff.getName()));
	}

	@PostMapping("/clients/{id}/contacts/{contactId}/consents/{consentId}/revoke")
	String revoke(@PathVariable UUID id, @PathVariable UUID contactId, @PathVariable UUID consentId, Principal staff) {
		network.revokeConsent(id, contactId, consentId, staff.getName());
		return "redirect:/clients/" + id;
	}

	@PostMapping("/clients/{id}/contacts/{contactId}/opt-in")
	String optIn(@PathVariable UUID id, @PathVariable UUID contactId, @RequestParam String channel, Principal staff) {
		network.confirmOptIn(id, contactId, new RegistryRequests.OptIn(channel), staff.getName());
		return "redirect:/clients/" + id;
	}

	private static String checked(UUID id, RedirectAttributes redirect, Runnable change) {
		try {
			change.run();
		}
		catch (InvalidFieldsException invalid) {
			redirect.addFlashAttribute("formErrors", invalid.errors().stream()
				.map(error -> error.field() + " " + error.message()).toList());
		}
		return "redirect:/clients/" + id;
	}

	private static String blankAsNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	private static Integer number(String value) {
		try {
			return value == null || value.isBlank() ? null : Integer.valueOf(value);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}
}
