package app.lantern.checkin.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.web.FieldChecks;
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

	private final AuditTrail audit;

	AlertActions(AlertReadModel alerts, JdbcClient jdbc, Outbox outbox, AuditTrail audit, Clock clock) {
		this.audit = audit;
		this.alerts = alerts;
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.clock = clock;
	}

	/** What staff say with an action: a note, and on resolving, whether the alert was useful. Both optional. */
	public record StaffNote(String outcome, String note) {

		public static final StaffNote NONE = new StaffNote(null, null);

		static final List<String> OUTCOMES = List.of("HELPFUL", "NOT_NEEDED", "FALSE_ALARM");
	}

	/** A staff user acts on an alert; 404 when there is no such alert. */
	@Transactional
	public AlertReadModel.AlertView byStaff(UUID alertId, AlertActionType action, String staffUser) {
		return byStaff(alertId, action, staffUser, StaffNote.NONE);
	}

	/**
	 * A staff user acts on an alert, with a note and (resolving) a judgement of its use; every bad field is named
	 * before anything is recorded.
	 */
	@Transactional
	public AlertReadModel.AlertView byStaff(UUID alertId, AlertActionType action, String staffUser, StaffNote said) {
		StaffNote note = said == null ? StaffNote.NONE : said;
		FieldChecks checks = new FieldChecks();
		String outcome = note.outcome() == null || note.outcome().isBlank() ? null : note.outcome().trim().toUpperCase();
		if (outcome != null && (action != AlertActionType.RESOLVE || !StaffNote.OUTCOMES.contains(outcome))) {
			checks.reject("outcome", action != AlertActionType.RESOLVE ? "is given only when resolving an alert"
					: "must be HELPFUL, NOT_NEEDED or FALSE_ALARM");
		}
		checks.maxLength(note.note(), 1000, "note");
		checks.throwIfAny();
		AlertReadModel.AlertView alert = alerts.find(alertId).orElseThrow(() -> new NotFoundException("alert"));
		Instant now = clock.instant();
		outbox.append(Topics.ALERT_ACTIONS, AlertAction.of(alertId, alert.clientId().toString(), action,
				AlertAction.Actor.STAFF, staffUser, now));
		if (outcome != null || (note.note() != null && !note.note().isBlank())) {
			alerts.judged(alertId, outcome, staffUser, note.note() == null || note.note().isBlank() ? null
					: note.note().strip());
		}
		audit.record(alert.clientId(), staffUser, action == AlertActionType.RESOLVE ? "ALERT_RESOLVED"
				: "ALERT_ACKNOWLEDGED", "alert " + alertId + (outcome == null ? "" : " judged " + outcome), now);
		return alerts.find(alertId).orElseThrow();
	}

	/**
	 * A staff member's {@code OK} from their on-call phone acknowledges the newest open alert they were sent; false
	 * when there is none. Audited as theirs, as the console's button is.
	 */
	@Transactional
	public boolean acknowledgedByStaffPhone(String phone) {
		record Sent(UUID alertId, String username) {
		}
		Optional<Sent> newest = jdbc.sql("""
				select a.id, s.username from disclosure d
				join alert a on a.id = d.alert_id
				join staff_user s on d.recipient = 'staff:' || s.username
				where s.phone = ? and s.enabled and d.status in ('SENT', 'DELIVERED')
				  and a.state in ('RAISED', 'ESCALATED', 'REPEATED')
				order by d.at desc limit 1""")
			.param(phone)
			.query((rs, n) -> new Sent(rs.getObject("id", UUID.class), rs.getString("username")))
			.optional();
		newest.ifPresent(sent -> byStaff(sent.alertId(), AlertActionType.ACKNOWLEDGE, sent.username(), StaffNote.NONE));
		return newest.isPresent();
	}

	/**
	 * The staff member pressed 1 in the call of delivery {@code deliveryId}: the alert it was about, if still open,
	 * is acknowledged as theirs; false when there is nothing (left) to acknowledge.
	 */
	@Transactional
	public boolean acknowledgedByCall(UUID deliveryId) {
		record Called(UUID alertId, String username) {
		}
		Optional<Called> call = jdbc.sql("""
				select a.id, substring(d.recipient from 7) as username from disclosure d
				join alert a on a.id = d.alert_id
				where d.delivery_id = ? and d.recipient like 'staff:%' and d.channel = 'VOICE'
				  and a.state in ('RAISED', 'ESCALATED', 'REPEATED')
				limit 1""")
			.param(deliveryId)
			.query((rs, n) -> new Called(rs.getObject("id", UUID.class), rs.getString("username")))
			.optional();
		call.ifPresent(called -> byStaff(called.alertId(), AlertActionType.ACKNOWLEDGE, called.username(),
				StaffNote.NONE));
		return call.isPresent();
	}

	/**
	 * Whether the disclosure log has heard of this delivery yet, and the alert read model of its alert (each comes
	 * on its own topic, to its own consumer, a moment after the send: either may be first).
	 */
	public boolean deliveryKnown(UUID deliveryId) {
		return jdbc.sql("""
				select exists (select 1 from disclosure d join alert a on a.id = d.alert_id where d.delivery_id = ?)""")
			.param(deliveryId)
			.query(Boolean.class).single();
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
				where s.phone = ? and d.status in ('SENT', 'DELIVERED') and a.state in ('RAISED', 'ESCALATED', 'REPEATED')
				order by d.at desc limit 1""")
			.param(phone)
			.query((rs, n) -> AlertAction.of(rs.getObject("id", UUID.class), rs.getString("client_id"),
					AlertActionType.ACKNOWLEDGE, AlertAction.Actor.CONTACT, rs.getString("recipient"), clock.instant()))
			.optional();
		action.ifPresent(acknowledge -> outbox.append(Topics.ALERT_ACTIONS, acknowledge));
		return action.isPresent();
	}
}
