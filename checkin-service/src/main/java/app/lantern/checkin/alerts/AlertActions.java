package app.lantern.checkin.alerts;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import app.lantern.checkin.web.NotFoundException;
import app.lantern.events.AlertAction;
import app.lantern.events.AlertActionType;
import app.lantern.events.Topics;
import app.lantern.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Acknowledging and resolving alerts, by staff (API and console) or by a contact's {@code OK}. The action
 * travels to the alert service on the outbox: the alert service owns the alert's state.
 */
@Service
public class AlertActions {

	private final AlertReadModel alerts;

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final Clock clock;

	AlertActions(AlertReadModel alerts, JdbcClient jdbc, Outbox outbox, Clock clock) {
		this.alerts = alerts;
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.clock = clock;
	}

	/** A staff user acts on an alert; 404 when there is no such alert. */
	@Transactional
	public AlertReadModel.AlertView byStaff(UUID alertId, AlertActionType action, String staffUser) {
		AlertReadModel.AlertView alert = alerts.find(alertId).orElseThrow(() -> new NotFoundException("alert"));
		outbox.append(Topics.ALERT_ACTIONS, AlertAction.of(alertId, alert.clientId().toString(), action,
				AlertAction.Actor.STAFF, staffUser, clock.instant()));
		return alert;
	}

	/**
	 * A contact's {@code OK} acknowledges the newest open alert that this number was told about; false when
	 * there is none.
	 */
	@Transactional
	public boolean acknowledgedByContact(String phone) {
		Optional<AlertAction> action = jdbc.sql("""
				select a.id, a.client_id, d.recipient from disclosure d
				join alert a on a.id = d.alert_id
				join support_contact s on s.id::text = d.recipient
				where s.phone = ? and d.status in ('SENT', 'DELIVERED') and a.state in ('RAISED', 'ESCALATED')
				order by d.at desc limit 1""")
			.param(phone)
			.query((rs, n) -> AlertAction.of(rs.getObject("id", UUID.class), rs.getString("client_id"),
					AlertActionType.ACKNOWLEDGE, AlertAction.Actor.CONTACT, rs.getString("recipient"), clock.instant()))
			.optional();
		action.ifPresent(acknowledge -> outbox.append(Topics.ALERT_ACTIONS, acknowledge));
		return action.isPresent();
	}
}
