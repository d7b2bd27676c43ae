package app.lantern.checkin.oncall;

import java.net.URI;
import java.security.Principal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.programmes.Programmes;
import app.lantern.checkin.programmes.StaffAuthority;
import app.lantern.checkin.web.FieldChecks;
import app.lantern.checkin.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Weekly rotations and their overrides ({@code /api/staff/on-call/rotations}), for an ADMIN or the programme's own
 * administrator: checked whole, audited, and published at once as shifts of the rota.
 */
@RestController
class RotationController {

	private final OnCallRotations rotations;

	private final OnCallRotaStore rota;

	private final OnCallChanges changes;

	private final StaffAuthority authority;

	private final Programmes programmes;

	private final AuditTrail audit;

	RotationController(OnCallRotations rotations, OnCallRotaStore rota, OnCallChanges changes, StaffAuthority authority,
			Programmes programmes, AuditTrail audit) {
		this.rotations = rotations;
		this.rota = rota;
		this.changes = changes;
		this.authority = authority;
		this.programmes = programmes;
		this.audit = audit;
	}

	/**
	 * {@code members}: usernames in turn; {@code handoverDay} (MONDAY…SUNDAY), {@code handoverTime} (HH:mm): when
	 * a week passes to the next, in the programme's zone; {@code startsOn}: optional, the date the first week may
	 * begin (default today); {@code withFallback}: optional, default true — the next in turn stands in.
	 */
	record NewRotation(String name, String programme, List<String> members, String handoverDay, String handoverTime,
			String startsOn, Boolean withFallback) {
	}

	/** {@code startsAt}, {@code endsAt}: local date and time in the rota's zone, as a shift's. */
	record NewOverride(String startsAt, String endsAt, String username) {
	}

	record RotationView(UUID id, String name, String programme, List<String> members, DayOfWeek handoverDay,
			LocalTime handoverTime, LocalDate startsOn, ZoneId zone, boolean withFallback,
			List<Rotation.Override> overrides) {

		static RotationView of(Rotation rotation) {
			return new RotationView(rotation.id(), rotation.name(), rotation.programme(), rotation.members(),
					rotation.handoverDay(), rotation.handoverTime(), rotation.startsOn(), rotation.zone(),
					rotation.withFallback(), rotation.overrides());
		}
	}

	@GetMapping("/api/staff/on-call/rotations")
	List<RotationView> list() {
		return rotations.all().stream().filter(rotation -> manages(rotation.programme())).map(RotationView::of).toList();
	}

	@PostMapping("/api/staff/on-call/rotations")
	@Transactional
	ResponseEntity<Map<String, String>> add(@RequestBody(required = false) NewRotation body, Principal by) {
		Rotation rotation = checked(body);
		rotations.add(rotation, by.getName());
		rota.publish();
		audit.recordOf("on-call rota", by.getName(), "ROTATION_ADDED", "rotation " + rotation.id() + " of "
				+ rotation.members().size() + " member(s)");
		return ResponseEntity.created(URI.create("/api/staff/on-call/rotations/" + rotation.id()))
			.body(Map.of("id", rotation.id().toString()));
	}

	@DeleteMapping("/api/staff/on-call/rotations/{id}")
	@Transactional
	ResponseEntity<Void> remove(@PathVariable UUID id, Principal by) {
		managed(id);
		rotations.remove(id);
		rota.publish();
		audit.recordOf("on-call rota", by.getName(), "ROTATION_REMOVED", "rotation " + id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/staff/on-call/rotations/{id}/overrides")
	@Transactional
	ResponseEntity<Map<String, String>> override(@PathVariable UUID id, @RequestBody(required = false) NewOverride body,
			Principal by) {
		managed(id);
		FieldChecks checks = new FieldChecks();
		if (body == null) {
			checks.reject("body", "is required").throwIfAny();
		}
		OnCallChanges.Span span = changes.span(body.startsAt(), body.endsAt(), checks);
		if (checks.require(body.username(), "username")) {
			changes.reachable(body.username(), "username", checks);
		}
		checks.throwIfAny();
		UUID override = rotations.addOverride(id, new Rotation.Override(UUID.randomUUID(), span.startsAt(),
				span.endsAt(), body.username()), by.getName());
		rota.publish();
		audit.recordOf("on-call rota", by.getName(), "OVERRIDE_ADDED", "rotation " + id + ", override " + override);
		return ResponseEntity.created(URI.create("/api/staff/on-call/rotations/" + id + "/overrides/" + override))
			.body(Map.of("id", override.toString()));
	}

	@DeleteMapping("/api/staff/on-call/rotations/{id}/overrides/{override}")
	@Transactional
	ResponseEntity<Void> removeOverride(@PathVariable UUID id, @PathVariable UUID override, Principal by) {
		managed(id);
		if (!rotations.removeOverride(id, override)) {
			throw new NotFoundException("override");
		}
		rota.publish();
		audit.recordOf("on-call rota", by.getName(), "OVERRIDE_REMOVED", "rotation " + id + ", override " + override);
		return ResponseEntity.noContent().build();
	}

	Rotation checked(NewRotation body) {
		FieldChecks checks = new FieldChecks();
		if (body == null) {
			checks.reject("body", "is required").throwIfAny();
		}
		checks.require(body.name(), "name");
		checks.maxLength(body.name(), 80, "name");
		List<String> members = body.members() == null ? List.of() : body.members();
		if (members.isEmpty() || members.size() > 20) {
			checks.reject("members", "must name 1 to 20 staff users, in turn");
		}
		for (int i = 0; i < members.size(); i++) {
			changes.reachable(members.get(i), "members[" + i + "]", checks);
		}
		DayOfWeek day = checks.require(body.handoverDay(), "handoverDay") ? checks.parse(body.handoverDay(),
				text -> DayOfWeek.valueOf(text.strip().toUpperCase(Locale.ROOT)), "handoverDay",
				"must be a day of the week, as in MONDAY") : null;
		LocalTime time = checks.require(body.handoverTime(), "handoverTime")
				? checks.time(body.handoverTime(), "handoverTime", "must be a time HH:mm, as in 09:00") : null;
		String programme = body.programme() == null || body.programme().isBlank() ? null : body.programme().strip();
		if (programme != null && programmes.find(programme).isEmpty()) {
			checks.reject("programme", "is not a programme here");
		}
		authority.checkShiftProgramme(programme, checks);
		ZoneId zone = programme == null ? rota.programmeZone()
				: programmes.find(programme).map(Programmes.Programme::timezone).orElse(rota.programmeZone());
		LocalDate startsOn = body.startsOn() == null || body.startsOn().isBlank() ? LocalDate.now(zone)
				: checks.parse(body.startsOn().strip(), LocalDate::parse, "startsOn", "must be a date such as 2026-12-07");
		checks.throwIfAny();
		return new Rotation(UUID.randomUUID(), body.name().strip(), programme, members, day, time, startsOn, zone,
				body.withFallback() == null || body.withFallback(), List.of());
	}

	private boolean manages(String programme) {
		return authority.isAdmin() || (programme != null && authority.managedProgrammes().contains(programme));
	}

	private void managed(UUID id) {
		Rotation rotation = rotations.find(id).orElseThrow(() -> new NotFoundException("rotation"));
		if (!manages(rotation.programme())) {
			throw new NotFoundException("rotation");
		}
	}
}
