package app.lantern.checkin.casework;

import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import app.lantern.checkin.programmes.StaffAuthority;
import app.lantern.checkin.web.FieldChecks;
import app.lantern.checkin.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A worker's leave, recorded by an ADMIN or their programme's administrator: from {@code startsOn} to
 * {@code endsOn} (dates in the programme's zone, both included) their clients are {@code coveredBy}'s — on that
 * colleague's "my clients", and the follow-ups the programme's policy makes go to them.
 */
@RestController
class LeaveController {

	private final Workers workers;

	private final StaffAuthority authority;

	LeaveController(Workers workers, StaffAuthority authority) {
		this.workers = workers;
		this.authority = authority;
	}

	record NewLeave(LocalDate startsOn, LocalDate endsOn, String coveredBy) {
	}

	@PostMapping("/api/staff/{username}/leave")
	ResponseEntity<Workers.Leave> record(@PathVariable String username, @RequestBody(required = false) NewLeave body,
			Principal admin) {
		authority.requireManages(username);
		if (body == null) {
			new FieldChecks().reject("body", "is required").throwIfAny();
		}
		Workers.Leave leave = workers.recordLeave(username, body.startsOn(), body.endsOn(), body.coveredBy(),
				admin.getName());
		return ResponseEntity.created(URI.create("/api/staff/" + username + "/leave/" + leave.id())).body(leave);
	}

	@GetMapping("/api/staff/{username}/leave")
	List<Workers.Leave> leave(@PathVariable String username) {
		authority.requireManages(username);
		return workers.leaveOf(username);
	}

	@DeleteMapping("/api/staff/{username}/leave/{id}")
	ResponseEntity<Void> cancel(@PathVariable String username, @PathVariable UUID id, Principal admin) {
		authority.requireManages(username);
		if (!workers.cancelLeave(username, id, admin.getName())) {
			throw new NotFoundException("leave");
		}
		return ResponseEntity.noContent().build();
	}
}
