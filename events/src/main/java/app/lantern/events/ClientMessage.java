package app.lantern.events;

import static app.lantern.events.Invariants.present;
import static app.lantern.events.Invariants.supportedSchema;
import static app.lantern.events.Invariants.text;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * A message for the client themselves, on {@link Topics#CLIENT_MESSAGES}: a reminder before a due time, the
 * welcome with their private check-in link (on enrolment, and when staff send a new link), or, of an appointment
 * they keep in Lantern, a reminder before it and the question after it whether they made it. {@code checkinUrl} and
 * {@code programmeName} are only of a welcome; the link is a secret, so the topic keeps a welcome only a day.
 * {@code appointment} is only of an appointment's messages: its kind ({@code THERAPY}, {@code MEETING},
 * {@code MEDICATION}, {@code CLINIC}, {@code OTHER}), never its title; {@code dueAt} is then when it starts.
 */
public record ClientMessage(UUID eventId, Instant occurredAt, @JsonProperty(required = true) int schemaVersion, UUID messageId, String clientId,
		Kind kind, Instant dueAt, String checkinUrl, String programmeName, String appointment) implements LanternEvent {

	public static final int SCHEMA_VERSION = 1;

	public enum Kind {
		/** Before a due time; then, with the reminder ladder, a last nudge at it or inside its grace. */
		CHECKIN_REMINDER, WELCOME, CHECKIN_NUDGE,
		/** Before an appointment starts. */
		APPOINTMENT_REMINDER,
		/** After an appointment: "did you make it? Reply Y or N". */
		APPOINTMENT_QUESTION;

		public boolean ofAppointment() {
			return this == APPOINTMENT_REMINDER || this == APPOINTMENT_QUESTION;
		}
	}

	public ClientMessage(UUID eventId, Instant occurredAt, int schemaVersion, UUID messageId, String clientId, Kind kind,
			Instant dueAt) {
		this(eventId, occurredAt, schemaVersion, messageId, clientId, kind, dueAt, null, null, null);
	}

	public ClientMessage(UUID eventId, Instant occurredAt, int schemaVersion, UUID messageId, String clientId, Kind kind,
			Instant dueAt, String checkinUrl, String programmeName) {
		this(eventId, occurredAt, schemaVersion, messageId, clientId, kind, dueAt, checkinUrl, programmeName, null);
	}

	/**
	 * An appointment's reminder or question: {@code messageId} is the caller's, the same for the same occurrence, so a
	 * message sent twice is delivered once.
	 */
	public static ClientMessage appointment(UUID messageId, String clientId, Kind kind, String appointment,
			Instant startsAt, Instant now) {
		return new ClientMessage(UUID.randomUUID(), now, SCHEMA_VERSION, messageId, clientId, kind, startsAt, null, null,
				appointment);
	}

	public static ClientMessage welcome(String clientId, String checkinUrl, String programmeName, Instant now) {
		return new ClientMessage(UUID.randomUUID(), now, SCHEMA_VERSION, UUID.randomUUID(), clientId, Kind.WELCOME, null,
				checkinUrl, programmeName);
	}

	public ClientMessage {
		present(eventId, "eventId");
		present(occurredAt, "occurredAt");
		supportedSchema(schemaVersion);
		present(messageId, "messageId");
		text(clientId, "clientId");
		present(kind, "kind");
		if (kind == Kind.WELCOME) {
			text(checkinUrl, "checkinUrl");
			text(programmeName, "programmeName");
		}
		else {
			present(dueAt, "dueAt");
		}
		if (kind.ofAppointment()) {
			text(appointment, "appointment");
		}
	}

	@Override
	public String key() {
		return clientId;
	}
}
