package app.lantern.checkin.intake;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.programmes.Programmes;
import app.lantern.checkin.web.FieldChecks;
import app.lantern.checkin.web.NotFoundException;
import app.lantern.events.CheckInChannel;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/checkins} and a client's history, newest first. */
@RestController
class CheckInController {

	private final CheckIns checkIns;

	private final Programmes programmes;

	private final AuditTrail audit;

	CheckInController(CheckIns checkIns, Programmes programmes, AuditTrail audit) {
		this.checkIns = checkIns;
		this.programmes = programmes;
		this.audit = audit;
	}

	record CheckInBody(String clientId, Integer craving, Integer mood, Boolean used, String note, Boolean crisis) {
	}

	@PostMapping("/api/checkins")
	ResponseEntity<Map<String, UUID>> checkIn(@RequestBody(required = false) CheckInBody body,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Principal caller) {
		FieldChecks checks = new FieldChecks();
		if (body == null) {
			checks.reject("body", "is required").throwIfAny();
		}
		UUID clientId = checks.require(body.clientId(), "clientId")
				? checks.parse(body.clientId(), UUID::fromString, "clientId", "must be a client id") : null;
		checks.require(body.craving(), "craving");
		checks.range(body.craving(), 0, 10, "craving");
		checks.range(body.mood(), 1, 5, "mood");
		checks.maxLength(body.note(), 2000, "note");
		if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
			checks.reject("Idempotency-Key", "must be 1 to 200 characters");
		}
		checks.throwIfAny();
		// another programme's client is as unknown as no client at all
		programmes.requireClient(clientId);
		var recorded = checkIns
			.record(new CheckIns.NewCheckIn(clientId, CheckInChannel.API, body.craving(), body.mood(),
					Boolean.TRUE.equals(body.used()), body.note(), Boolean.TRUE.equals(body.crisis()),
					idempotencyKey == null ? null : scoped(idempotencyKey, caller, clientId)))
			.orElseThrow(() -> new NotFoundException("client"));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", recorded.id()));
	}

	/** A key belongs to its caller and its client: the same key from another caller or for another client is another key. */
	private static String scoped(String idempotencyKey, Principal caller, UUID clientId) {
		return "api:" + caller.getName() + ":" + clientId + ":" + idempotencyKey;
	}

	@GetMapping("/api/clients/{id}/checkins")
	List<CheckIns.CheckInView> history(@PathVariable UUID id,
			@RequestParam(defaultValue = "100") int limit, Principal staff) {
		audit.viewed(id, staff.getName(), "CHECK_INS");
		return checkIns.history(id, Math.max(1, Math.min(limit, 1000)));
	}
}
