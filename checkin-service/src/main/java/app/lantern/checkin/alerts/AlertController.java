package app.lantern.checkin.alerts;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import app.lantern.events.AlertActionType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Staff read alerts and act on them: {@code /api/alerts}. */
@RestController
class AlertController {

	private final AlertReadModel alerts;

	private final AlertActions actions;

	AlertController(AlertReadModel alerts, AlertActions actions) {
		this.alerts = alerts;
		this.actions = actions;
	}

	@GetMapping("/api/alerts")
	List<AlertReadModel.AlertView> alerts(@RequestParam(required = false) String state,
			@RequestParam(required = false) UUID clientId) {
		return alerts.find(state, clientId);
	}

	@PostMapping("/api/alerts/{id}/acknowledge")
	AlertReadModel.AlertView acknowledge(@PathVariable UUID id, Principal staff) {
		return actions.byStaff(id, AlertActionType.ACKNOWLEDGE, staff.getName());
	}

	@PostMapping("/api/alerts/{id}/resolve")
	AlertReadModel.AlertView resolve(@PathVariable UUID id, Principal staff) {
		return actions.byStaff(id, AlertActionType.RESOLVE, staff.getName());
	}
}
