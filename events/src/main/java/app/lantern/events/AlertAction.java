package app.lantern.events;

import static app.lantern.events.Invariants.present;
import static app.lantern.events.Invariants.supportedSchema;
import static app.lantern.events.Invariants.text;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * A person acting on an alert, on {@link Topics#ALERT_ACTIONS}: a staff user from the console or API, or
 * a support contact replying {@code OK}. {@code actor} is a staff username or a contact id, never a name.
 */
public record AlertAction(UUID eventId, Instant occurredAt, @JsonProperty(required = true) int schemaVersion, UUID alertId, String clientId,
		AlertActionType action, Actor actorKind, String actor) implements LanternEvent {

	public static final int SCHEMA_VERSION = 1;

	public enum Actor {
		STAFF, CONTACT
	}

	public AlertAction {
		present(eventId, "eventId");
		present(occurredAt, "occurredAt");
		supportedSchema(schemaVersion);
		present(alertId, "alertId");
		text(clientId, "clientId");
		present(action, "action");
		present(actorKind, "actorKind");
		text(actor, "actor");
	}

	public static AlertAction of(UUID alertId, String clientId, AlertActionType action, Actor actorKind,
			String actor, Instant now) {
		return new AlertAction(UUID.randomUUID(), now, SCHEMA_VERSION, alertId, clientId, action, actorKind, actor);
	}

	@Override
	public String key() {
		return clientId;
	}
}
