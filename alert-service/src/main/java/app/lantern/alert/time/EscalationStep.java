package app.lantern.alert.time;

import java.util.UUID;

/**
 * An escalation timer's payload: escalate this alert if it is still at this level, and at this repeat, when the timer
 * fires — a repeat starts the clock afresh, so the step set before it no longer acts.
 */
public record EscalationStep(UUID alertId, int level, int repeat) {

	public EscalationStep(UUID alertId, int level) {
		this(alertId, level, 0);
	}

	/** The index keeps the payload as {@code alertId@level}, and {@code #repeat} after a repeat. */
	String encode() {
		return alertId + "@" + level + (repeat == 0 ? "" : "#" + repeat);
	}

	static EscalationStep decode(String payload) {
		int at = payload.indexOf('@');
		int hash = payload.indexOf('#', at);
		int level = Integer.parseInt(hash < 0 ? payload.substring(at + 1) : payload.substring(at + 1, hash));
		int repeat = hash < 0 ? 0 : Integer.parseInt(payload.substring(hash + 1));
		return new EscalationStep(UUID.fromString(payload.substring(0, at)), level, repeat);
	}
}
