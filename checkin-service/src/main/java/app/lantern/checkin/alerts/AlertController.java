package app.lantern.checkin.alerts;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import app.lantern.platform.outbox.Outbox;
import app.lantern.checkin.web.NotFoundException;
import app.lantern.events.AlertAction;
import app.lantern.events.AlertActionType;
import app.lantern.events.Topics;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Staff read alerts and act on them; the action travels to the alert service on the outbox. */
@RestController
public class AlertController {

	private final AlertReadModel alerts;

	private final Outbox outbox;

	private final Clock clock;

	AlertController(AlertReadModel alerts, Outbox outbox, Clock clock) {
		this.alerts = alerts;
		this.outbox = outbox;
		this.clock = clock;
	}

	@GetMapping("/api/alerts")
	List<AlertReadModel.AlertView> alerts(@RequestParam(required = false) String state,
			@RequestParam(required = false) UUID clientId) {
		return alerts.find(state, clientId);
	}

	@PostMapping("/api/alerts/{id}/acknowledge")
	@Transactional
	AlertReadModel.AlertView acknowledge(@PathVariable UUID id, Principal staff) {
		return act(id, AlertActionType.ACKNOWLEDGE, staff);
	}

	@PostMapping("/api/alerts/{id}/resolve")
	@Transactional
	AlertReadModel.AlertView resolve(@PathVariable UUID id, Principal staff) {
		return act(id, AlertActionType.RESOLVE, staff);
	}

	/** Staff act on an alert: the action travels to the alert service, which owns the alert's state. */
	@Transactional
	public AlertReadModel.AlertView act(UUID id, AlertActionType action, Principal staff) {
		AlertReadModel.AlertView alert = alerts.find(id).orElseThrow(() -> new NotFoundException("alert"));
		outbox.append(Topics.ALERT_ACTIONS, AlertAction.of(id, alert.clientId().toString(), action,
				AlertAction.Actor.STAFF, staff.getName(), clock.instant()));
		return alert;
	}
}
