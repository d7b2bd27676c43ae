package app.lantern.checkin.casework;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.programmes.Programmes;
import app.lantern.checkin.web.FieldChecks;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A client's casework through the API: their workers ({@code /api/clients/{id}/workers}), case notes
 * ({@code …/notes}) and follow-up tasks ({@code …/follow-ups}). Another programme's client is 404.
 */
@RestController
class ClientCaseworkController {

	private final Programmes programmes;

	private final Workers workers;

	private final CaseNotes notes;

	private final FollowUps followUps;

	private final AuditTrail audit;

	ClientCaseworkController(Programmes programmes, Workers workers, CaseNotes notes, FollowUps followUps,
			AuditTrail audit) {
		this.programmes = programmes;
		this.workers = workers;
		this.notes = notes;
		this.followUps = followUps;
		this.audit = audit;
	}

	@GetMapping("/api/clients/{id}/workers")
	Workers.Assigned workers(@PathVariable UUID id) {
		programmes.requireClient(id);
		return workers.of(id);
	}

	/** {@code {"primary": "username" | null, "second": "username" | null}}. */
	@PutMapping("/api/clients/{id}/workers")
	Workers.Assigned assign(@PathVariable UUID id, @RequestBody(required = false) Workers.Assigned body,
			Principal staff) {
		programmes.requireClient(id);
		return workers.assign(id, body == null ? new Workers.Assigned(null, null) : body, staff.getName());
	}

	/** {@code at}: optional, when it happened (an ISO-8601 instant; default now). */
	record NewNote(String kind, String outcome, String text, Instant at) {
	}

	@PostMapping("/api/clients/{id}/notes")
	ResponseEntity<CaseNotes.Note> write(@PathVariable UUID id, @RequestBody(required = false) NewNote body,
			Principal staff) {
		programmes.requireClient(id);
		if (body == null) {
			new FieldChecks().reject("body", "is required").throwIfAny();
		}
		CaseNotes.Note note = notes.write(id, body.kind(), body.outcome(), body.text(), body.at(), staff.getName());
		return ResponseEntity.created(URI.create("/api/clients/" + id + "/notes/" + note.id())).body(note);
	}

	@GetMapping("/api/clients/{id}/notes")
	List<CaseNotes.Note> notes(@PathVariable UUID id, Principal staff) {
		programmes.requireClient(id);
		audit.viewed(id, staff.getName(), "CASE_NOTES");
		return notes.of(id, 200);
	}

	/** {@code owner}: optional, a staff user of the client's programme (none: the programme's). */
	record NewFollowUp(String title, Instant dueAt, String owner) {
	}

	@PostMapping("/api/clients/{id}/follow-ups")
	ResponseEntity<FollowUps.Task> add(@PathVariable UUID id, @RequestBody(required = false) NewFollowUp body,
			Principal staff) {
		programmes.requireClient(id);
		if (body == null) {
			new FieldChecks().reject("body", "is required").throwIfAny();
		}
		FollowUps.Task task = followUps.add(id, body.title(), body.dueAt(), body.owner(), staff.getName());
		return ResponseEntity.created(URI.create("/api/follow-ups/" + task.id())).body(task);
	}

	@GetMapping("/api/clients/{id}/follow-ups")
	List<FollowUps.Task> followUps(@PathVariable UUID id) {
		programmes.requireClient(id);
		return followUps.ofClient(id);
	}
}
