package app.lantern.events;

import static app.lantern.events.Invariants.present;
import static app.lantern.events.Invariants.supportedSchema;
import static app.lantern.events.Invariants.text;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/** Twilio's delivery receipt for one SMS, on {@link Topics#SMS_STATUS}, keyed by delivery id. */
public record SmsStatus(UUID eventId, Instant occurredAt, @JsonProperty(required = true) int schemaVersion, UUID deliveryId, String messageSid,
		String status, String errorCode) implements LanternEvent {

	public static final int SCHEMA_VERSION = 1;

	public SmsStatus {
		present(eventId, "eventId");
		present(occurredAt, "occurredAt");
		supportedSchema(schemaVersion);
		present(deliveryId, "deliveryId");
		text(messageSid, "messageSid");
		text(status, "status");
	}

	@Override
	public String key() {
		return deliveryId.toString();
	}
}
