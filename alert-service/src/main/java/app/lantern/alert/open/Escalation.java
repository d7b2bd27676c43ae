package app.lantern.alert.open;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import app.lantern.alert.time.EscalationStep;
import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;

/**
 * The escalation ladder's decisions, as pure functions: when the next tier would be told, and whether a step
 * that comes due should act. A step re-checks that its alert is still open, unacknowledged and at the level
 * it was scheduled from, so a step left over from an earlier level, an acknowledgement or a resolution
 * never fires twice.
 *
 * @param timeout how long an alert waits unacknowledged at a level
 * @param crisisTimeout how long a CRISIS waits (minutes, not half an hour: then the phone of the person on call rings)
 * @param lastLevel the last level (see {@code AlertSettings.LAST_LEVEL})
 */
public record Escalation(Duration timeout, Duration crisisTimeout, int lastLevel) {

	/** A ladder whose crisis climbs as fast as anything else. */
	public Escalation(Duration timeout, int lastLevel) {
		this(timeout, timeout, lastLevel);
	}

	/** How long an alert of {@code type} waits unacknowledged at a level. */
	public Duration timeoutOf(AlertType type) {
		return type == AlertType.CRISIS ? crisisTimeout : timeout;
	}

	/** As {@link #timeoutOf(AlertType)}, unless the client's programme sets its own for this kind ({@code minutes}). */
	public Duration timeoutOf(AlertType type, Map<AlertType, Integer> minutes) {
		Integer own = minutes.get(type);
		return own == null ? timeoutOf(type) : Duration.ofMinutes(own);
	}

	/**
	 * When the next tier is told if no one acknowledges {@code alert} (on the programme's own timeout for its kind, if
	 * it sets one); empty at the last tier, and for an alert that climbs no ladder (DISENGAGING, a slow trend for
	 * staff to look into; AWAY, a notice).
	 */
	public Optional<Instant> nextStepAt(AlertEvent alert, Map<AlertType, Integer> programmeMinutes, Instant now) {
		return alert.level() < lastLevel && alert.type().climbs()
				? Optional.of(now.plus(timeoutOf(alert.type(), programmeMinutes))) : Optional.empty();
	}

	/**
	 * Escalate now? {@code open} is the client's open alert of the step's type, or null. Only the step of its current
	 * level and repeat acts: a repeat started the clock afresh.
	 */
	public boolean shouldEscalate(AlertEvent open, EscalationStep step) {
		return open != null && open.alertId().equals(step.alertId()) && open.state() != AlertState.ACKNOWLEDGED
				&& open.level() == step.level() && open.repeats() == step.repeat() && open.level() < lastLevel;
	}
}
