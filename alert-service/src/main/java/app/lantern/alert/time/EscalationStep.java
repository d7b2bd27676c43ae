package app.lantern.alert.time;

import java.util.UUID;

/** An escalation timer's payload: escalate this alert if it is still at this level when the timer fires. */
public record EscalationStep(UUID alertId, int level) {

	/** The index keeps the payload as {@code alertId@level}, the form it has always had on disk. */
	String encode() {
		return alertId + "@" + level;
	}

	static EscalationStep decode(String payload) {
		int at = payload.indexOf('@');
		return new EscalationStep(UUID.fromString(payload.substring(0, at)),
				Integer.parseInt(payload.substring(at + 1)));
	}
}
