package app.lantern.checkin.alerts;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.programmes.Programmes;
import app.lantern.events.AlertActionType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff read alerts of their programmes and act on them: {@code /api/alerts}. Acknowledge and resolve take an
 * optional body: {@code {"note": "...", "outcome": "HELPFUL" | "NOT_NEEDED" | "FALSE_ALARM"}} (outcome when
 * resolving only); {@code GET /api/alerts/board} counts them per rule and type.
 */
@RestController
class AlertController {

	private final AlertReadModel alerts;

	private final AlertActions actions;

	private final AlertBoard board;

	private final Programmes programmes;

	private final AuditTrail audit;

	AlertController(AlertReadModel alerts, AlertActions actions, AlertBoard board, Programmes programmes,
			AuditTrail audit) {
		this.audit = audit;
		this.alerts = alerts;
		this.actions = actions;
		this.board = board;
		this.programmes = programmes;
	}

	/** One client's alerts are a part of their record: the list is accounted for in the audit trail. */
	@GetMapping("/api/alerts")
	List<AlertReadModel.AlertView> alerts(@RequestParam(required = false) String state,
			@RequestParam(required = false) UUID clientId, Principal staff) {
		if (clientId != null) {
			programmes.requireClient(clientId);
			audit.viewed(clientId, staff.getName(), "ALERTS");
		}
		return alerts.find(state, clientId, programmes.current().ids());
	}

	@GetMapping("/api/alerts/board")
	List<AlertBoard.Line> board(@RequestParam(required = false) Integer days) {
		return board.lines(programmes.current().ids(), days);
	}

	@PostMapping("/api/alerts/{id}/acknowledge")
	AlertReadModel.AlertView acknowledge(@PathVariable UUID id, Principal staff,
			@RequestBody(required = false) AlertActions.StaffNote said) {
		return actions.byStaff(id, AlertActionType.ACKNOWLEDGE, staff.getName(), said);
	}

	@PostMapping("/api/alerts/{id}/resolve")
	AlertReadModel.AlertView resolve(@PathVariable UUID id, Principal staff,
			@RequestBody(required = false) AlertActions.StaffNote said) {
		return actions.byStaff(id, AlertActionType.RESOLVE, staff.getName(), said);
	}
}
