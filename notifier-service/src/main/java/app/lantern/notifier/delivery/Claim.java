package app.lantern.notifier.delivery;

import java.util.UUID;

import app.lantern.events.AlertType;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryKind;

/**
 * One thing to tell one person on one channel: the unique key of a delivery. {@code subjectId} is the
 * alert's, invitation's or message's id; {@code recipient} a contact's id, or the client.
 */
record Claim(DeliveryKind kind, UUID subjectId, String clientId, AlertType alertType, int level, String severity,
		String recipient, ContactChannel channel) {

	/** The same delivery on another channel: a fallback. */
	Claim on(ContactChannel other) {
		return new Claim(kind, subjectId, clientId, alertType, level, severity, recipient, other);
	}
}
