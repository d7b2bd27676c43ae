package app.lantern.events;

import static app.lantern.events.Invariants.between;
import static app.lantern.events.Invariants.present;
import static app.lantern.events.Invariants.supportedSchema;
import static app.lantern.events.Invariants.text;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * A step in an alert's life, on {@link Topics#ALERTS}. {@code raisedAt} is when the condition happened
 * (for a missed check-in, the instant the deadline passed), not when it was noticed. {@code level} is the
 * escalation tier reached, from 1. {@code allClear} is true only on the RESOLVED step of a missed check-in
 * that the client's own check-in ended while raising nothing: those who were told may hear "all clear".
 * Absent (older events, every other step) means false. {@code profileVersion}, when present, is the client's
 * profile version the check-in that raised it was accepted under: the notifier decides on that profile or a
 * newer one, waiting for it if need be, so a revocation acknowledged before the check-in always holds.
 */
public record AlertEvent(UUID eventId, Instant occurredAt, @JsonProperty(required = true) int schemaVersion, UUID alertId, String clientId,
		AlertType type, Severity severity, @JsonProperty(required = true) int level, AlertState state, String reason, Instant raisedAt,
		UUID checkInId, Boolean allClear, Long profileVersion) implements LanternEvent {

	public static final int SCHEMA_VERSION = 1;

	public AlertEvent {
		present(eventId, "eventId");
		present(occurredAt, "occurredAt");
		supportedSchema(schemaVersion);
		present(alertId, "alertId");
		text(clientId, "clientId");
		present(type, "type");
		present(severity, "severity");
		between(level, 1, 10, "level");
		present(state, "state");
		present(raisedAt, "raisedAt");
	}

	public static AlertEvent of(UUID alertId, String clientId, AlertType type, Severity severity, int level,
			AlertState state, String reason, Instant raisedAt, UUID checkInId, Instant now) {
		return new AlertEvent(UUID.randomUUID(), now, SCHEMA_VERSION, alertId, clientId, type, severity, level,
				state, reason, raisedAt, checkInId, null, null);
	}

	/** The same step, to be decided on profile {@code version} or a newer one. */
	public AlertEvent underProfile(Long version) {
		return new AlertEvent(eventId, occurredAt, schemaVersion, alertId, clientId, type, severity, level, state,
				reason, raisedAt, checkInId, allClear, version);
	}

	/** The profile version this step must be decided on at least (0 when any profile will do). */
	public long needsProfileVersion() {
		return profileVersion == null ? 0 : profileVersion;
	}

	/** The same alert moved to another state or level, as of {@code now}. */
	public AlertEvent next(AlertState nextState, Severity nextSeverity, int nextLevel, String nextReason,
			Instant now) {
		return new AlertEvent(UUID.randomUUID(), now, SCHEMA_VERSION, alertId, clientId, type, nextSeverity,
				nextLevel, nextState, nextReason, raisedAt, checkInId, null, profileVersion);
	}

	/** The same alert resolved as of {@code now}; {@code allClear} as the client's own check-in decided it. */
	public AlertEvent resolved(String nextReason, boolean clear, Instant now) {
		return new AlertEvent(UUID.randomUUID(), now, SCHEMA_VERSION, alertId, clientId, type, severity, level,
				AlertState.RESOLVED, nextReason, raisedAt, checkInId, clear ? Boolean.TRUE : null, profileVersion);
	}

	/** Whether those who were told of this missed check-in may hear "all clear" (see the record's comment). */
	public boolean saysAllClear() {
		return Boolean.TRUE.equals(allClear) && state == AlertState.RESOLVED && type == AlertType.MISSED_CHECKIN;
	}

	public boolean isOpen() {
		return state == AlertState.RAISED || state == AlertState.ESCALATED;
	}

	@Override
	public String key() {
		return clientId;
	}
}
