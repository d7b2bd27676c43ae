package app.lantern.notifier.delivery;

import app.lantern.events.SuppressionReason;

/** What the checks say about one (alert, contact, channel): send under a consent, or suppress and why. */
sealed interface Decision {

	record Send(String consentId) implements Decision {
	}

	record Suppress(SuppressionReason reason, String consentId) implements Decision {
	}
}
