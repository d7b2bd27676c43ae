package app.lantern.checkin.console;

import java.security.Principal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import app.lantern.checkin.casework.CaseNotes;
import app.lantern.checkin.casework.FollowUps;
import app.lantern.checkin.casework.Workers;
import app.lantern.checkin.programmes.Programmes;
import app.lantern.checkin.web.FieldChecks;
import app.lantern.checkin.web.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's casework: a client's workers, case notes and follow-ups from the client page, and the worker's
 * queue of follow-ups ({@code /follow-ups}).
 */
@Controller
class CaseworkPages {

	private final Programmes programmes;

	private final Workers workers;

	private final CaseNotes notes;

	private final FollowUps followUps;

	CaseworkPages(Programmes programmes, Workers workers, CaseNotes notes, FollowUps followUps) {
		this.programmes = programmes;
		this.workers = workers;
		this.notes = notes;
		this.followUps = followUps;
	}

	@PostMapping("/clients/{id}/workers")
	String workers(@PathVariable UUID id, @RequestParam(required = false) String primary,
			@RequestParam(required = false) String second, Principal staff, RedirectAttributes redirect) {
		programmes.requireClient(id);
		return Forms.onClientPage(id, redirect, "Workers saved.", () -> workers.assign(id,
				new Workers.Assigned(Forms.blankAsNull(primary), Forms.blankAsNull(second)), staff.getName()));
	}

	@PostMapping("/clients/{id}/notes")
	String note(@PathVariable UUID id, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String outcome, @RequestParam(required = false) String text,
			Principal staff, RedirectAttributes redirect) {
		programmes.requireClient(id);
		return Forms.onClientPage(id, redirect, "Case note saved.",
				() -> notes.write(id, kind, outcome, text, null, staff.getName()));
	}

	/** {@code dueOn}: a date, due at the end of that day in the programme's zone. */
	@PostMapping("/clients/{id}/follow-ups")
	String followUp(@PathVariable UUID id, @RequestParam(required = false) String title,
			@RequestParam(required = false) String dueOn, @RequestParam(required = false) String owner,
			Principal staff, RedirectAttributes redirect) {
		programmes.requireClient(id);
		var zone = programmes.ofClient(id).orElseThrow().timezone();
		return Forms.onClientPage(id, redirect, "Follow-up added.", () -> {
			FieldChecks checks = new FieldChecks();
			LocalDate day = checks.require(Forms.blankAsNull(dueOn), "dueOn")
					? checks.parse(dueOn.strip(), LocalDate::parse, "dueOn", "must be a date, as in 2026-12-24") : null;
			checks.throwIfAny();
			followUps.add(id, title, day.atTime(LocalTime.of(23, 59)).atZone(zone).toInstant(),
					Forms.blankAsNull(owner) == null ? staff.getName() : owner.strip(), staff.getName());
		});
	}

	@PostMapping("/follow-ups/{id}/done")
	String done(@PathVariable UUID id, @RequestParam(required = false) String back, Principal staff,
			RedirectAttributes redirect) {
		FollowUps.Task task = followUps.find(id).orElseThrow(() -> new NotFoundException("follow-up"));
		programmes.requireClient(task.clientId());
		followUps.close(id, "DONE", staff.getName());
		redirect.addFlashAttribute("notice", "Follow-up done.");
		return "client".equals(back) ? "redirect:/clients/" + task.clientId() : "redirect:/follow-ups";
	}

	@GetMapping("/follow-ups")
	String queue(@RequestParam(required = false) String everyone, Model model, Principal staff) {
		model.addAttribute("tasks", followUps.queue(programmes.current().ids(), everyone == null ? staff.getName() : null));
		model.addAttribute("everyone", everyone != null);
		return "console/follow-ups";
	}
}
