package app.lantern.checkin.casework;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The programme's follow-up policy, applied as alerts reach checkin-service's read model: a missed check-in that
 * staff resolve without anyone having reached the client (no case note with the outcome REACHED since it was raised)
 * makes "Reach the client" due within the programme's {@code followUpMissedHours} (24 by default); a DISENGAGING
 * warning makes "Review the plan with the client" due within {@code followUpDisengagingHours} (72). Null turns
 * either off. The task goes to the client's primary worker (or whoever covers their leave), else to the programme.
 */
@Component
class FollowUpPolicy {

	static final String AFTER_MISSED = "MISSED_CHECKIN_RESOLVED_UNREACHED";

	static final String AFTER_DISENGAGING = "DISENGAGING_RAISED";

	private final FollowUps followUps;

	private final CaseNotes notes;

	private final JdbcClient jdbc;

	FollowUpPolicy(FollowUps followUps, CaseNotes notes, JdbcClient jdbc) {
		this.followUps = followUps;
		this.notes = notes;
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AlertEvent alert) {
		UUID clientId = UUID.fromString(alert.clientId());
		if (alert.type() == AlertType.MISSED_CHECKIN && alert.state() == AlertState.RESOLVED
				&& !notes.reachedBetween(clientId, alert.raisedAt(), alert.occurredAt())) {
			hours(clientId, "follow_up_missed_hours").ifPresent(hours -> followUps.byPolicy(clientId,
					"Reach the client: a missed check-in was resolved without reaching them",
					alert.occurredAt().plus(Duration.ofHours(hours)), AFTER_MISSED, alert.alertId()));
		}
		if (alert.type() == AlertType.DISENGAGING && alert.state() == AlertState.RAISED) {
			hours(clientId, "follow_up_disengaging_hours").ifPresent(hours -> followUps.byPolicy(clientId,
					"Review the plan with the client: they have been checking in less often",
					alert.occurredAt().plus(Duration.ofHours(hours)), AFTER_DISENGAGING, alert.alertId()));
		}
	}

	/** The programme's hours for this policy; empty when the client is gone or the policy is off. */
	private Optional<Integer> hours(UUID clientId, String column) {
		return jdbc.sql("select p." + column + " from client c join programme p on p.id = c.programme_id where c.id = ?")
			.param(clientId)
			.query((rs, n) -> (Integer) rs.getObject(1))
			.optional()
			.filter(hours -> hours != null);
	}
}
