package app.lantern.checkin.oncall;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import app.lantern.checkin.console.Words;
import app.lantern.checkin.programmes.ProgrammeScope;
import app.lantern.checkin.programmes.Programmes;
import app.lantern.checkin.programmes.StaffAuthority;
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

	private final Programmes programmes;

	private final OnCallGaps gaps;

	private final StaffAuthority authority;

	private final RotationController rotations;

	OnCallPage(OnCallRotaStore rota, OnCallChanges changes, Clock clock, Programmes programmes, OnCallGaps gaps,
			StaffAuthority authority, RotationController rotations) {
		this.rotations = rotations;
		this.authority = authority;
		this.rota = rota;
		this.changes = changes;
		this.clock = clock;
		this.programmes = programmes;
		this.gaps = gaps;
	}

	/** When no one is on call for a programme in the coming week, in the rota's zone. */
	record GapView(String programme, LocalDateTime from, LocalDateTime to) {
	}

	/** The rota of the staff user's programmes (and the shifts of every programme). */
	@GetMapping("/on-call")
	String page(Model model) {
		ProgrammeScope scope = programmes.current();
		model.addAttribute("rota", OnCallController.view(rota, clock,
				shift -> shift.programme() == null || scope.includes(shift.programme())));
		// staff phone numbers and e-mail addresses are for those who keep them: an ADMIN (all), a programme's
		// administrator (their programmes' staff)
		boolean manages = authority.isAdmin() || authority.isProgrammeAdmin();
		Set<String> managed = authority.managedProgrammes();
		model.addAttribute("admin", manages);
		model.addAttribute("staff", !manages ? List.of() : rota.staff().stream().filter(member -> managed == null
				|| (!member.programmes().isEmpty() && managed.containsAll(member.programmes())
						&& !"ADMIN".equals(member.role()))).toList());
		List<Programmes.Programme> mine = programmes.all().stream().filter(p -> scope.includes(p.id())).toList();
		model.addAttribute("programmes", mine);
		ZoneId zone = rota.programmeZone();
		model.addAttribute("gaps", mine.stream().flatMap(programme -> gaps.of(programme.id()).stream()
			.map(gap -> new GapView(programme.name(), LocalDateTime.ofInstant(gap.from(), zone),
					LocalDateTime.ofInstant(gap.to(), zone))))
			.toList());
		model.addAttribute("rotations", manages ? rotations.list() : List.of());
		model.addAttribute("rotationZone", zone.getId());
		return "console/on-call";
	}

	@PostMapping("/on-call/rotations")
	String addRotation(@RequestParam(required = false) String name, @RequestParam(required = false) String members,
			@RequestParam(required = false) String handoverDay, @RequestParam(required = false) String handoverTime,
			@RequestParam(required = false) String programme, Principal by, RedirectAttributes redirect) {
		List<String> turn = members == null ? List.of()
				: java.util.Arrays.stream(members.split("[,\\s]+")).filter(member -> !member.isBlank()).toList();
		return checked(redirect, () -> rotations.add(new RotationController.NewRotation(name, programme, turn,
				handoverDay, handoverTime, null, null), by));
	}

	@PostMapping("/on-call/rotations/{id}/overrides")
	String override(@PathVariable UUID id, @RequestParam(required = false) String startsAt,
			@RequestParam(required = false) String endsAt, @RequestParam(required = false) String username, Principal by,
			RedirectAttributes redirect) {
		return checked(redirect, () -> rotations.override(id, new RotationController.NewOverride(startsAt, endsAt,
				username), by));
	}

	@PostMapping("/on-call/shifts")
	String addShift(@RequestParam(required = false) String startsAt, @RequestParam(required = false) String endsAt,
			@RequestParam(required = false) String primary, @RequestParam(required = false) String fallback,
			@RequestParam(required = false) String programme, Principal by, RedirectAttributes redirect) {
		return checked(redirect, () -> changes.addShift(
				new OnCallChanges.NewShift(startsAt, endsAt, primary, fallback, programme), by.getName()));
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
			redirect.addFlashAttribute("formErrors", Words.errors(invalid));
		}
		return "redirect:/on-call";
	}
}
