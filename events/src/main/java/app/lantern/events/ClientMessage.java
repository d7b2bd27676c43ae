package app.lantern.events;

import static app.lantern.events.Invariants.present;
import static app.lantern.events.Invariants.supportedSchema;
import static app.lantern.events.Invariants.text;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/** A message for the client themselves, on {@link Topics#CLIENT_MESSAGES}: a reminder before a due time. */
public record ClientMessage(UUID eventId, Instant occurredAt, @JsonProperty(required = true) int schemaVersion, UUID messageId, String clientId,
		Kind kind, Instant dueAt) implements LanternEvent {

	public static final int SCHEMA_VERSION = 1;

	public enum Kind {
		CHECKIN_REMINDER
	}

	public ClientMessage {
		present(eventId, "eventId");
		present(occurredAt, "occurredAt");
		supportedSchema(schemaVersion);
		present(messageId, "messageId");
		text(clientId, "clientId");
		present(kind, "kind");
		present(dueAt, "dueAt");
	}

	@Override
	public String key() {
		return clientId;
	}
}
