package app.lantern.events;

import static app.lantern.events.Invariants.present;
import static app.lantern.events.Invariants.supportedSchema;
import static app.lantern.events.Invariants.text;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * One send or suppression, on {@link Topics#DELIVERIES}: the disclosure log's line. The recipient is named
 * by contact id (or {@code CLIENT}), never by number or address; {@code consentId} is the consent the
 * disclosure was made under, or absent for a message to the client or a suppression for want of one.
 * {@code kind} was added after version 1 was first written; a payload without it is an alert's delivery.
 */
public record DeliveryEvent(UUID eventId, Instant occurredAt, @JsonProperty(required = true) int schemaVersion, UUID deliveryId,
		String clientId, UUID alertId, AlertType alertType, @JsonProperty(required = true) int level, String recipient, ContactChannel channel,
		String consentId, DeliveryStatus status, SuppressionReason reason, String detail, DeliveryKind kind)
		implements LanternEvent {

	public static final int SCHEMA_VERSION = 1;
	public static final String CLIENT_RECIPIENT = "CLIENT";

	public DeliveryEvent {
		present(eventId, "eventId");
		present(occurredAt, "occurredAt");
		supportedSchema(schemaVersion);
		present(deliveryId, "deliveryId");
		text(clientId, "clientId");
		text(recipient, "recipient");
		present(channel, "channel");
		present(status, "status");
		if (status == DeliveryStatus.SUPPRESSED) {
			present(reason, "reason");
		}
		kind = kind == null ? DeliveryKind.ALERT : kind;
	}

	@Override
	public String key() {
		return clientId;
	}
}
