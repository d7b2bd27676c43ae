package app.lantern.checkin.registry;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.programmes.Programmes;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The client's recovery plan as staff read and write it with them ({@code /api/clients/{id}/plan}): reading it is
 * audited as a viewing, a change as a change (who, and the version; never what it says).
 */
@RestController
class RecoveryPlanController {

	private final RecoveryPlans plans;

	private final Programmes programmes;

	private final AuditTrail audit;

	RecoveryPlanController(RecoveryPlans plans, Programmes programmes, AuditTrail audit) {
		this.plans = plans;
		this.programmes = programmes;
		this.audit = audit;
	}

	/** {@code version}: 0 before the first was kept (the enrolment's coping steps alone). */
	record PlanView(int version, RecoveryPlans.Plan plan, String changedBy) {
	}

	@GetMapping("/api/clients/{id}/plan")
	PlanView plan(@PathVariable UUID id, Principal staff) {
		audit.viewed(id, staff.getName(), "RECOVERY_PLAN");
		return plans.latest(id).map(version -> new PlanView(version.version(), version.plan(), version.changedBy()))
			.orElseGet(() -> new PlanView(0, plans.current(id), null));
	}

	@PutMapping("/api/clients/{id}/plan")
	RecoveryPlans.Version change(@PathVariable UUID id, @RequestBody(required = false) RecoveryPlans.Plan body,
			Principal staff) {
		String region = programmes.ofClient(id).map(Programmes.Programme::defaultRegion).orElse("US");
		return plans.save(id, body, staff.getName(), region);
	}

	@GetMapping("/api/clients/{id}/plan/versions")
	List<RecoveryPlans.Version> versions(@PathVariable UUID id, Principal staff) {
		audit.viewed(id, staff.getName(), "RECOVERY_PLAN");
		return plans.versions(id);
	}
}
