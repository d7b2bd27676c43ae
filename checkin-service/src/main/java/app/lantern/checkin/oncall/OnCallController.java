package app.lantern.checkin.oncall;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import app.lantern.events.OnCallRota;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The on-call rota and the staff's on-call addresses, for ADMIN ({@code /api/staff/**}). */
@RestController
class OnCallController {

	private final OnCallRotaStore rota;

	private final OnCallChanges changes;

	private final Clock clock;

	OnCallController(OnCallRotaStore rota, OnCallChanges changes, Clock clock) {
		this.rota = rota;
		this.changes = changes;
		this.clock = clock;
	}

	/** The notifier learns the rota as it stands at every start, whatever was published before. */
	@EventListener(ApplicationReadyEvent.class)
	void publishAtStart() {
		rota.publish();
	}

	/** {@code programme}: the programme whose clients it covers, or null for every programme. */
	record ShiftView(String id, LocalDateTime startsAt, LocalDateTime endsAt, String primary, String fallback,
			String programme) {
	}

	record RotaView(ZoneId timezone, List<String> onCallNow, List<ShiftView> shifts) {
	}

	@PutMapping("/api/staff/{username}/contact")
	Map<String, String> setAddresses(@PathVariable String username,
			@RequestBody(required = false) OnCallChanges.Addresses body) {
		OnCallChanges.Addresses stored = changes.setAddresses(username, body);
		Map<String, String> answer = new LinkedHashMap<>();
		answer.put("username", username);
		answer.put("phone", stored.phone());
		answer.put("email", stored.email());
		return answer;
	}

	@GetMapping("/api/staff/on-call")
	RotaView rota() {
		return view(rota, clock, shift -> true);
	}

	@PostMapping("/api/staff/on-call")
	ResponseEntity<Map<String, String>> addShift(@RequestBody(required = false) OnCallChanges.NewShift body,
			Principal by) {
		UUID id = changes.addShift(body, by == null ? "unknown" : by.getName());
		return ResponseEntity.created(URI.create("/api/staff/on-call/" + id)).body(Map.of("id", id.toString()));
	}

	@DeleteMapping("/api/staff/on-call/{id}")
	ResponseEntity<Void> removeShift(@PathVariable UUID id) {
		changes.removeShift(id);
		return ResponseEntity.noContent().build();
	}

	/**
	 * The rota in the programme's time zone, with who is on call now (primary first): the shifts {@code shown}
	 * keeps (a STAFF user's console shows their programmes' shifts and those of every programme).
	 */
	static RotaView view(OnCallRotaStore rota, Clock clock, Predicate<OnCallRota.Shift> shown) {
		ZoneId zone = rota.programmeZone();
		List<OnCallRota.Shift> shifts = rota.shifts().stream().filter(shown).toList();
		List<OnCallRota.StaffMember> staff = rota.staff().stream().map(OnCallRotaStore.StaffAddresses::member).toList();
		OnCallRota now = OnCallRota.of(0, zone, shifts, staff, clock.instant());
		return new RotaView(zone,
				now.chainAt(clock.instant()).stream().map(OnCallRota.StaffMember::username).toList(),
				shifts.stream()
					.map(shift -> new ShiftView(shift.id(), LocalDateTime.ofInstant(shift.startsAt(), zone),
							LocalDateTime.ofInstant(shift.endsAt(), zone), shift.primary(), shift.fallback(),
							shift.programme()))
					.toList());
	}
}
