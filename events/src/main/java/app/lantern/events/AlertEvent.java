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
 * {@code repeat} counts the times the alert happened again while it was open (a second crisis, a high craving after
 * the alert was acknowledged): each REPEATED step is told again, under its own number, so a repeat is never taken
 * for a duplicate (absent: 0). {@code acknowledgedBy} is who acknowledged it last ({@code contact:<id>} or
 * {@code staff:<username>}), carried on the steps after, so a repeat can be told to them.
 */
public record AlertEvent(UUID eventId, Instant occurredAt, @JsonProperty(required = true) int schemaVersion, UUID alertId, String clientId,
		AlertType type, Severity severity, @JsonProperty(required = true) int level, AlertState state, String reason, Instant raisedAt,
		UUID checkInId, Boolean allClear, Long profileVersion, Integer repeat, String acknowledgedBy)
		implements LanternEvent {

	public static final int SCHEMA_VERSION = 1;

	/** A step of an alert never repeated nor acknowledged (every step written before repeats existed). */
	public AlertEvent(UUID eventId, Instant occurredAt, int schemaVersion, UUID alertId, String clientId, AlertType type,
			Severity severity, int level, AlertState state, String reason, Instant raisedAt, UUID checkInId,
			Boolean allClear, Long profileVersion) {
		this(eventId, occurredAt, schemaVersion, alertId, clientId, type, severity, level, state, reason, raisedAt,
				checkInId, allClear, profileVersion, null, null);
	}

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
				reason, raisedAt, checkInId, allClear, version, repeat, acknowledgedBy);
	}

	/** How many times it happened again while open (0: never). */
	public int repeats() {
		return repeat == null ? 0 : repeat;
	}

	/** The profile version this step must be decided on at least (0 when any profile will do). */
	public long needsProfileVersion() {
		return profileVersion == null ? 0 : profileVersion;
	}

	/** The same alert moved to another state or level, as of {@code now}. */
	public AlertEvent next(AlertState nextState, Severity nextSeverity, int nextLevel, String nextReason,
			Instant now) {
		return new AlertEvent(UUID.randomUUID(), now, SCHEMA_VERSION, alertId, clientId, type, nextSeverity,
				nextLevel, nextState, nextReason, raisedAt, checkInId, null, profileVersion, repeat, acknowledgedBy);
	}

	/** The same alert acknowledged by {@code by} ({@code contact:<id>} or {@code staff:<username>}) as of {@code now}. */
	public AlertEvent acknowledged(String by, String nextReason, Instant now) {
		return new AlertEvent(UUID.randomUUID(), now, SCHEMA_VERSION, alertId, clientId, type, severity, level,
				AlertState.ACKNOWLEDGED, nextReason, raisedAt, checkInId, null, profileVersion, repeat, by);
	}

	/**
	 * The same alert happened again while open, as of {@code now}: a new step with the next repeat number, carrying
	 * the check-in that brought it (and the profile it was accepted under), unacknowledged again.
	 */
	public AlertEvent repeated(Severity nextSeverity, String nextReason, UUID byCheckIn, Long underProfile, Instant now) {
		Long version = profileVersion == null ? underProfile
				: underProfile == null ? profileVersion : Long.valueOf(Math.max(profileVersion, underProfile));
		return new AlertEvent(UUID.randomUUID(), now, SCHEMA_VERSION, alertId, clientId, type, nextSeverity, level,
				AlertState.REPEATED, nextReason, raisedAt, byCheckIn, null, version, repeats() + 1, acknowledgedBy);
	}

	/** The same alert resolved as of {@code now}; {@code allClear} as the client's own check-in decided it. */
	public AlertEvent resolved(String nextReason, boolean clear, Instant now) {
		return new AlertEvent(UUID.randomUUID(), now, SCHEMA_VERSION, alertId, clientId, type, severity, level,
				AlertState.RESOLVED, nextReason, raisedAt, checkInId, clear ? Boolean.TRUE : null, profileVersion, repeat,
				acknowledgedBy);
	}

	/** Whether those who were told of this missed check-in may hear "all clear" (see the record's comment). */
	public boolean saysAllClear() {
		return Boolean.TRUE.equals(allClear) && state == AlertState.RESOLVED && type == AlertType.MISSED_CHECKIN;
	}

	/** Open and waiting for someone to answer: raised, escalated or repeated, not yet acknowledged or resolved. */
	public boolean isOpen() {
		return state == AlertState.RAISED || state == AlertState.ESCALATED || state == AlertState.REPEATED;
	}

	@Override
	public String key() {
		return clientId;
	}
}
