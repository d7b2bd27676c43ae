package app.lantern.checkin.casework;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import app.lantern.checkin.programmes.Programmes;
import app.lantern.checkin.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The follow-up queue ({@code GET /api/follow-ups}: the caller's and their programmes' unowned open tasks, or
 * {@code ?everyone=true} all of their programmes'), and a task done, cancelled or given to someone else.
 */
@RestController
class FollowUpQueueController {

	private final Programmes programmes;

	private final FollowUps followUps;

	FollowUpQueueController(Programmes programmes, FollowUps followUps) {
		this.programmes = programmes;
		this.followUps = followUps;
	}

	@GetMapping("/api/follow-ups")
	List<FollowUps.Task> queue(@RequestParam(defaultValue = "false") boolean everyone, Principal staff) {
		return followUps.queue(programmes.current().ids(), everyone ? null : staff.getName());
	}

	@PostMapping("/api/follow-ups/{id}/done")
	FollowUps.Task done(@PathVariable UUID id, Principal staff) {
		visible(id);
		return followUps.close(id, "DONE", staff.getName());
	}

	@PostMapping("/api/follow-ups/{id}/cancel")
	FollowUps.Task cancel(@PathVariable UUID id, Principal staff) {
		visible(id);
		return followUps.close(id, "CANCELLED", staff.getName());
	}

	record NewOwner(String owner) {
	}

	@PutMapping("/api/follow-ups/{id}/owner")
	FollowUps.Task reassign(@PathVariable UUID id, @RequestBody(required = false) NewOwner body, Principal staff) {
		visible(id);
		return followUps.reassign(id, body == null ? null : body.owner(), staff.getName());
	}

	/** 404 unless the task is of a client the caller may see. */
	private void visible(UUID id) {
		FollowUps.Task task = followUps.find(id).orElseThrow(() -> new NotFoundException("follow-up"));
		try {
			programmes.requireClient(task.clientId());
		}
		catch (NotFoundException ex) {
			throw new NotFoundException("follow-up");
		}
	}
}
