package app.lantern.checkin.audit;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit}, for ADMINs only (see the security configuration). */
@RestController
class AuditController {

	private final AuditLog log;

	AuditController(AuditLog log) {
		this.log = log;
	}

	@GetMapping("/api/audit")
	List<AuditLog.Line> audit(@RequestParam(required = false) UUID clientId,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) Integer limit) {
		return log.read(new AuditLog.Filter(clientId, actor, from, to, limit));
	}
}
