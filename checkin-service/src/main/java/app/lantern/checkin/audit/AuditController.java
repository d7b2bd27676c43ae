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

	private final AuditChain chain;

	AuditController(AuditLog log, AuditChain chain) {
		this.log = log;
		this.chain = chain;
	}

	/** Whether the trail is as it was written: the rows checked, and the first that breaks the chain if one does. */
	@GetMapping("/api/audit/verify")
	AuditChain.Verdict verify() {
		return chain.verify();
	}

	@GetMapping("/api/audit")
	List<AuditLog.Line> audit(@RequestParam(required = false) UUID clientId,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) Integer limit) {
		return log.read(new AuditLog.Filter(clientId, actor, from, to, limit));
	}
}
