package app.lantern.notifier.delivery;

import java.time.Instant;
import java.util.UUID;

import app.lantern.events.AlertType;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryEvent;
import app.lantern.events.DeliveryKind;
import app.lantern.events.DeliveryStatus;
import app.lantern.events.SuppressionReason;

/**
 * One thing to tell one person on one channel: the unique key of a delivery. {@code subjectId} is the
 * alert's, invitation's or message's id; {@code recipient} a contact's id, or the client; {@code repeat} the
 * alert's repeat number (a second crisis is told again: another delivery, not a duplicate).
 */
public record Claim(DeliveryKind kind, UUID subjectId, String clientId, AlertType alertType, int level, String severity,
		String recipient, ContactChannel channel, int repeat) {

	/** A claim of anything but a repeated alert. */
	public Claim(DeliveryKind kind, UUID subjectId, String clientId, AlertType alertType, int level, String severity,
			String recipient, ContactChannel channel) {
		this(kind, subjectId, clientId, alertType, level, severity, recipient, channel, 0);
	}

	/** The same delivery on another channel: a fallback. */
	public Claim on(ContactChannel other) {
		return new Claim(kind, subjectId, clientId, alertType, level, severity, recipient, other, repeat);
	}

	/** The disclosure-log event of this delivery's outcome, for {@code lantern.deliveries.v1}. */
	public DeliveryEvent event(UUID deliveryId, String consentId, DeliveryStatus status, SuppressionReason reason,
			String detail, Instant now) {
		UUID alertId = kind == DeliveryKind.ALERT || kind == DeliveryKind.ALL_CLEAR ? subjectId : null;
		return new DeliveryEvent(UUID.randomUUID(), now, DeliveryEvent.SCHEMA_VERSION, deliveryId, clientId, alertId,
				alertType, level, recipient, channel, consentId, status, reason, detail, kind);
	}
}
