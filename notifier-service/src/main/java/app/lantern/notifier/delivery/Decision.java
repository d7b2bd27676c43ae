package app.lantern.notifier.delivery;

import java.time.Instant;

import app.lantern.events.SuppressionReason;

/**
 * What the checks say about one (message, recipient, channel): send now under a consent, wait until a time
 * (quiet hours), or suppress and why.
 */
public sealed interface Decision {

	record Send(String consentId) implements Decision {
	}

	/** Quiet hours: ask again at {@code until}, when consent, opt-in and opt-out are checked anew. */
	record Defer(String consentId, Instant until) implements Decision {
	}

	record Suppress(SuppressionReason reason, String consentId) implements Decision {
	}

	/** Why this is not sent now: its suppression, QUIET_HOURS_DEFERRED while it waits, or null to send. */
	default SuppressionReason reasonNotToSendNow() {
		if (this instanceof Suppress suppress) {
			return suppress.reason();
		}
		return this instanceof Defer ? SuppressionReason.QUIET_HOURS_DEFERRED : null;
	}

	default String consentId() {
		if (this instanceof Send send) {
			return send.consentId();
		}
		if (this instanceof Defer defer) {
			return defer.consentId();
		}
		return ((Suppress) this).consentId();
	}
}
