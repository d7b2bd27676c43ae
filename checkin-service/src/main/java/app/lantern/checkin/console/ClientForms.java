package app.lantern.checkin.console;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.checkin.registry.Aways;
import app.lantern.checkin.registry.CheckInLinks;
import app.lantern.checkin.registry.ClientRecords;
import app.lantern.checkin.registry.ClientRegistry;
import app.lantern.checkin.registry.Erasure;
import app.lantern.checkin.registry.RegistryRequests;
import app.lantern.checkin.web.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The client page's forms for the client's own record: details, schedule, status, the check-in link, erasure.
 * Each goes through the registry the API uses — the same checks, the same audit line, the same new profile.
 */
@Controller
class ClientForms {

	private final ClientRegistry registry;

	private final ClientRecords records;

	private final CheckInLinks links;

	private final Erasure erasure;

	private final Aways aways;

	ClientForms(ClientRegistry registry, ClientRecords records, CheckInLinks links, Erasure erasure,
			Aways aways) {
		this.aways = aways;
		this.erasure = erasure;
		this.registry = registry;
		this.records = records;
		this.links = links;
	}

	@PostMapping("/clients/{id}/details")
	String details(@PathVariable UUID id, @RequestParam(required = false) String displayName,
			@RequestParam(required = false) String phone, @RequestParam(required = false) String email,
			@RequestParam(required = false) String timezone, @RequestParam(required = false) String cravingThreshold,
			@RequestParam(required = false) String copingPlan, @RequestParam(required = false) String language,
			Principal staff, RedirectAttributes redirect) {
		var change = new RegistryRequests.ClientChange(displayName, phone, email == null ? null : email.strip(),
				timezone, Forms.number(cravingThreshold), copingPlan == null ? null : Forms.lines(copingPlan),
				Forms.blankAsNull(language));
		return Forms.onClientPage(id, redirect, "Saved.", () -> registry.change(id, change, staff.getName()));
	}

	@PostMapping("/clients/{id}/schedule")
	String schedule(@PathVariable UUID id, @RequestParam(required = false) String dueTimes,
			@RequestParam(required = false) String graceMinutes,
			@RequestParam(required = false) String reminderMinutesBefore,
			@RequestParam(required = false) String nudgeAtDue, @RequestParam(required = false) String nudgeMinutesAfter,
			@RequestParam Map<String, String> form, Principal staff, RedirectAttributes redirect) {
		return Forms.onClientPage(id, redirect, "Check-in times saved.", () -> registry.changeSchedule(id,
				new RegistryRequests.ScheduleBody(Forms.list(dueTimes), Forms.number(graceMinutes),
						Forms.number(reminderMinutesBefore), nudgeAtDue != null, Forms.number(nudgeMinutesAfter),
						PlanForm.read(form)),
				staff.getName()));
	}

	/** Pause (with an optional date it ends), resume, discharge. */
	@PostMapping("/clients/{id}/status")
	String status(@PathVariable UUID id, @RequestParam String status, @RequestParam(required = false) String resumeOn,
			Principal staff, RedirectAttributes redirect) {
		var change = new RegistryRequests.StatusChange(status, Forms.blankAsNull(resumeOn));
		return Forms.onClientPage(id, redirect, "Status changed.",
				() -> registry.changeStatus(id, change, staff.getName()));
	}

	/** Ends the client's own away (AWAY n) now: missed check-ins count again. */
	@PostMapping("/clients/{id}/away/end")
	String endAway(@PathVariable UUID id, Principal staff, RedirectAttributes redirect) {
		return Forms.onClientPage(id, redirect, "The away was ended; missed check-ins count again.",
				() -> aways.end(id, staff.getName()));
	}

	/** A new link, texted to the client; the page shows it this once. */
	@PostMapping("/clients/{id}/link/rotate")
	String rotate(@PathVariable UUID id, Principal staff, RedirectAttributes redirect) {
		String url = links.url(links.rotateLink(id, staff.getName()));
		redirect.addFlashAttribute("link", url);
		redirect.addFlashAttribute("notice", "A new check-in link was texted to the client; the old one no longer works.");
		return "redirect:/clients/" + id;
	}

	/** The link shown to staff (a new one; not texted). */
	@PostMapping("/clients/{id}/link/show")
	String show(@PathVariable UUID id, Principal staff, RedirectAttributes redirect) {
		redirect.addFlashAttribute("link", links.url(links.showLink(id, staff.getName())));
		redirect.addFlashAttribute("notice", "Here is the client's check-in link; the old one no longer works.");
		return "redirect:/clients/" + id;
	}

	/** ADMIN only; the client's name typed again is the confirmation. */
	@PostMapping("/clients/{id}/erase")
	String erase(@PathVariable UUID id, @RequestParam(required = false) String confirm, Principal staff,
			RedirectAttributes redirect) {
		String name = records.find(id).orElseThrow(() -> new NotFoundException("client")).displayName();
		if (confirm == null || !confirm.strip().equals(name)) {
			redirect.addFlashAttribute("formErrors",
					List.of("Confirmation: type the client's name exactly as shown to erase them."));
			return "redirect:/clients/" + id;
		}
		erasure.erase(id, staff.getName());
		redirect.addFlashAttribute("notice", "The client was erased from every store.");
		return "redirect:/";
	}
}
