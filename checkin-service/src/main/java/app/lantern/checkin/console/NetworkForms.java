package app.lantern.checkin.console;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import app.lantern.checkin.registry.ClientRegistry;
import app.lantern.checkin.web.InvalidFieldsException;
import app.lantern.events.ContactChannel;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The client page's forms for the support network: contacts, consents, revocation, opt-in heard by staff. */
@Controller
class NetworkForms {

	private final ClientRegistry registry;

	NetworkForms(ClientRegistry registry) {
		this.registry = registry;
	}

	@PostMapping("/clients/{id}/contacts")
	String addContact(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Principal staff,
			RedirectAttributes redirect) {
		return checked(id, redirect, () -> registry.addContactFromForm(id, form.getFirst("name"), form.getFirst("role"),
				form.getFirst("phone"), form.getFirst("email"), form.getOrDefault("channels", List.of()),
				number(form.getFirst("tier")), staff.getName()));
	}

	@PostMapping("/clients/{id}/contacts/{contactId}/consents")
	String grant(@PathVariable UUID id, @PathVariable UUID contactId, @RequestParam MultiValueMap<String, String> form,
			Principal staff, RedirectAttributes redirect) {
		return checked(id, redirect, () -> registry.grantConsentFromForm(id, contactId,
				form.getOrDefault("alertTypes", List.of()), form.getFirst("purpose"), form.getFirst("expiresOn"),
				form.getFirst("expiryEvent"), staff.getName()));
	}

	@PostMapping("/clients/{id}/contacts/{contactId}/consents/{consentId}/revoke")
	String revoke(@PathVariable UUID id, @PathVariable UUID contactId, @PathVariable UUID consentId, Principal staff) {
		registry.revokeConsent(id, contactId, consentId, staff.getName());
		return "redirect:/clients/" + id;
	}

	@PostMapping("/clients/{id}/contacts/{contactId}/opt-in")
	String optIn(@PathVariable UUID id, @PathVariable UUID contactId, @RequestParam String channel, Principal staff) {
		registry.confirmOptIn(id, contactId, ContactChannel.valueOf(channel), staff.getName());
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

	private static Integer number(String value) {
		try {
			return value == null || value.isBlank() ? null : Integer.valueOf(value);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}
}
