package app.lantern.events;

import static app.lantern.events.Invariants.optionalBetween;
import static app.lantern.events.Invariants.present;
import static app.lantern.events.Invariants.supportedSchema;
import static app.lantern.events.Invariants.text;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * One accepted check-in, on {@link Topics#CHECKINS}. The craving is 0–10 (absent only when the client asked
 * for help or reported use without giving one); the mood 1–5 or absent. {@code note} stays in the contract but
 * checkin-service no longer fills it: the client's own words are kept only in their record, where erasure reaches
 * them (the topic keeps a week and cannot forget one client); {@code crisis} already says what the words meant. {@code profileVersion}
 * is the client's profile version at the moment the check-in was accepted (absent in older events): an alert
 * it causes is decided on that profile or a newer one, so a consent revoked before the check-in is honoured.
 */
public record CheckInReceived(UUID eventId, Instant occurredAt, @JsonProperty(required = true) int schemaVersion, UUID checkInId,
		String clientId, CheckInChannel channel, Integer craving, Integer mood, boolean used, String note,
		boolean crisis, Instant receivedAt, Long profileVersion) implements LanternEvent {

	public static final int SCHEMA_VERSION = 1;

	public CheckInReceived {
		present(eventId, "eventId");
		present(occurredAt, "occurredAt");
		supportedSchema(schemaVersion);
		present(checkInId, "checkInId");
		text(clientId, "clientId");
		present(channel, "channel");
		if (craving == null && !crisis && !used) {
			throw new InvalidEventException("craving is required (it may be absent only on a crisis or reported use)");
		}
		optionalBetween(craving, 0, 10, "craving");
		optionalBetween(mood, 1, 5, "mood");
		present(receivedAt, "receivedAt");
	}

	public static CheckInReceived of(UUID checkInId, String clientId, CheckInChannel channel, Integer craving,
			Integer mood, boolean used, String note, boolean crisis, Instant receivedAt) {
		return of(checkInId, clientId, channel, craving, mood, used, note, crisis, receivedAt, null);
	}

	/** {@code profileVersion}: the client's profile version when the check-in was accepted (see the record). */
	public static CheckInReceived of(UUID checkInId, String clientId, CheckInChannel channel, Integer craving,
			Integer mood, boolean used, String note, boolean crisis, Instant receivedAt, Long profileVersion) {
		return new CheckInReceived(UUID.randomUUID(), receivedAt, SCHEMA_VERSION, checkInId, clientId, channel,
				craving, mood, used, note, crisis, receivedAt, profileVersion);
	}

	@Override
	public String key() {
		return clientId;
	}
}
