package app.lantern.notifier.delivery;

import java.util.UUID;

/** A claimed delivery to send: now, or when its time comes. {@code attempts} is how many failed before. */
record PendingSend(UUID id, Claim claim, String consentId, Message message, int attempts) {

	PendingSend underConsent(String consent) {
		return new PendingSend(id, claim, consent, message, attempts);
	}
}
