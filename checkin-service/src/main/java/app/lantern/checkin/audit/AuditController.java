package app.lantern.checkin.audit;

import java.util.List;
import java.util.UUID;

import app.lantern.checkin.programmes.StaffAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit}: an ADMIN reads every line, a programme's administrator those of their programmes. */
@RestController
class AuditController {

	private final AuditLog log;

	private final AuditChain chain;

	private final StaffAuthority authority;

	AuditController(AuditLog log, AuditChain chain, StaffAuthority authority) {
		this.authority = authority;
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
		return log.read(new AuditLog.Filter(clientId, actor, from, to, limit, authority.managedProgrammes()));
	}
}
