package app.lantern.events;

import static app.lantern.events.Invariants.present;
import static app.lantern.events.Invariants.supportedSchema;
import static app.lantern.events.Invariants.text;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * The client's own answer to "did you make it?" after an appointment, on {@link Topics#ATTENDANCE}: which
 * appointment (by id), its kind, when it started, and whether they went. No title, no place, no words of theirs.
 */
public record AttendanceRecorded(UUID eventId, Instant occurredAt, @JsonProperty(required = true) int schemaVersion,
		String clientId, UUID appointmentId, String kind, Instant startsAt, boolean attended) implements LanternEvent {

	public static final int SCHEMA_VERSION = 1;

	public AttendanceRecorded {
		present(eventId, "eventId");
		present(occurredAt, "occurredAt");
		supportedSchema(schemaVersion);
		text(clientId, "clientId");
		present(appointmentId, "appointmentId");
		text(kind, "kind");
		present(startsAt, "startsAt");
	}

	public static AttendanceRecorded of(String clientId, UUID appointmentId, String kind, Instant startsAt,
			boolean attended, Instant now) {
		return new AttendanceRecorded(UUID.randomUUID(), now, SCHEMA_VERSION, clientId, appointmentId, kind, startsAt,
				attended);
	}

	@Override
	public String key() {
		return clientId;
	}
}
