package app.lantern.checkin.oncall;

import java.security.Principal;
import java.time.Clock;
import java.util.UUID;

import app.lantern.checkin.web.InvalidFieldsException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's on-call page: who is on call now, the rota in the programme's time zone, and — for ADMIN — adding
 * and removing shifts and setting the phone and e-mail staff are reached on (its POSTs are ADMIN only, in
 * {@code SecurityConfiguration}).
 */
@Controller
class OnCallPage {

	private final OnCallRotaStore rota;

	private final OnCallChanges changes;

	private final Clock clock;

	OnCallPage(OnCallRotaStore rota, OnCallChanges changes, Clock clock) {
		this.rota = rota;
		this.changes = changes;
		this.clock = clock;
	}

	@GetMapping("/on-call")
	String page(Model model) {
		model.addAttribute("rota", OnCallController.view(rota, clock));
		model.addAttribute("staff", rota.staff());
		return "console/on-call";
	}

	@PostMapping("/on-call/shifts")
	String addShift(@RequestParam(required = false) String startsAt, @RequestParam(required = false) String endsAt,
			@RequestParam(required = false) String primary, @RequestParam(required = false) String fallback,
			Principal by, RedirectAttributes redirect) {
		return checked(redirect,
				() -> changes.addShift(new OnCallChanges.NewShift(startsAt, endsAt, primary, fallback), by.getName()));
	}

	@PostMapping("/on-call/shifts/{id}/remove")
	String removeShift(@PathVariable UUID id) {
		changes.removeShift(id);
		return "redirect:/on-call";
	}

	@PostMapping("/on-call/staff/{username}")
	String setAddresses(@PathVariable String username, @RequestParam(required = false) String phone,
			@RequestParam(required = false) String email, RedirectAttributes redirect) {
		return checked(redirect, () -> changes.setAddresses(username, new OnCallChanges.Addresses(phone, email)));
	}

	private static String checked(RedirectAttributes redirect, Runnable change) {
		try {
			change.run();
		}
		catch (InvalidFieldsException invalid) {
			redirect.addFlashAttribute("formErrors", invalid.errors().stream()
				.map(error -> error.field() + " " + error.message()).toList());
		}
		return "redirect:/on-call";
	}
}
