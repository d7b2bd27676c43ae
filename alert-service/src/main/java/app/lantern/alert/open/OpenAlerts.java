package app.lantern.alert.open;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import app.lantern.alert.time.EscalationStep;
import app.lantern.alert.time.Timers;
import app.lantern.events.AlertAction;
import app.lantern.events.AlertActionType;
import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.Severity;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A client's open alerts, one per type, through their life: raised, repeated, acknowledged, resolved and
 * escalated. Every step is handed to {@code emit}; escalation steps go into the deadline index.
 */
public final class OpenAlerts {

	private final KeyValueStore<String, AlertEvent> store;

	private final Timers timers;

	private final Escalation escalation;

	private final Consumer<AlertEvent> emit;

	/** The client's programme's own escalation timeouts (from their profile), by client id. */
	private final Function<String, Map<AlertType, Integer>> programmeMinutes;

	public OpenAlerts(KeyValueStore<String, AlertEvent> store, Timers timers, Escalation escalation,
			Consumer<AlertEvent> emit) {
		this(store, timers, escalation, emit, clientId -> Map.of());
	}

	public OpenAlerts(KeyValueStore<String, AlertEvent> store, Timers timers, Escalation escalation,
			Consumer<AlertEvent> emit, Function<String, Map<AlertType, Integer>> programmeMinutes) {
		this.programmeMinutes = programmeMinutes;
		this.store = store;
		this.timers = timers;
		this.escalation = escalation;
		this.emit = emit;
	}

	public Optional<AlertEvent> find(String clientId, AlertType type) {
		return Optional.ofNullable(store.get(key(clientId, type)));
	}

	/**
	 * One open alert per client and type. A repeat of an open alert raises nothing new, but is told again: a new
	 * crisis always, a high craving or reported use once the open one was acknowledged ({@link #toldAgain}) — a
	 * REPEATED step under the next repeat number, unacknowledged again, its escalation clock started afresh. Any
	 * other repeat is told again only if its severity rose (an ESCALATED step at the same level, with the higher
	 * severity). The same check-in read twice never gets this far.
	 */
	public void raise(String clientId, AlertType type, Severity severity, String reason, Instant raisedAt,
			UUID checkInId, Instant now) {
		raise(clientId, type, severity, reason, raisedAt, checkInId, null, now);
	}

	/** {@code profileVersion}: the profile the check-in was accepted under; the alert is decided on it or a newer one. */
	public void raise(String clientId, AlertType type, Severity severity, String reason, Instant raisedAt,
			UUID checkInId, Long profileVersion, Instant now) {
		AlertEvent open = store.get(key(clientId, type));
		if (open != null) {
			if (toldAgain(open)) {
				AlertEvent repeated = open.repeated(severity.isAbove(open.severity()) ? severity : open.severity(),
						reason + " (again)", checkInId, profileVersion, now);
				save(repeated);
				scheduleEscalation(repeated, now);
			}
			else if (severity.isAbove(open.severity())) {
				save(open.next(AlertState.ESCALATED, severity, open.level(), reason + " (severity rose)", now)
					.underProfile(newer(open.profileVersion(), profileVersion)));
			}
			return;
		}
		AlertEvent raised = AlertEvent.of(UUID.randomUUID(), clientId, type, severity, 1, AlertState.RAISED, reason,
				raisedAt, checkInId, now).underProfile(profileVersion);
		save(raised);
		// a crisis is told to every tier and the person on call at once; if no one acknowledges it in time, it
		// climbs too, so that the next person on the rota hears of it
		scheduleEscalation(raised, now);
	}

	/**
	 * Whether a repeat of {@code open} is told again: a crisis always (someone is in danger again, whoever was told
	 * of the first); a high craving or reported use when the open one was acknowledged (those who answered hear of
	 * the next one too; before anyone answered, the ladder is already climbing).
	 */
	static boolean toldAgain(AlertEvent open) {
		return open.type() == AlertType.CRISIS || (open.state() == AlertState.ACKNOWLEDGED
				&& (open.type() == AlertType.HIGH_CRAVING || open.type() == AlertType.REPORTED_USE));
	}

	private static Long newer(Long one, Long other) {
		return one == null ? other : other == null ? one : Long.valueOf(Math.max(one, other));
	}

	/** A due time was missed, {@code misses} in a row: raised at the deadline, or a level up if still open. */
	public void missed(String clientId, Instant deadline, int misses, Instant now) {
		AlertEvent open = store.get(key(clientId, AlertType.MISSED_CHECKIN));
		if (open == null) {
			// the alert carries the instant the deadline passed, not when it was noticed
			raise(clientId, AlertType.MISSED_CHECKIN, Severity.MEDIUM, "no check-in by the deadline", deadline, null,
					now);
			return;
		}
		int level = Math.min(escalation.lastLevel(), open.level() + 1);
		Severity severity = misses >= 2 ? Severity.HIGH : open.severity();
		AlertEvent escalated = open.next(AlertState.ESCALATED, severity, level,
				misses + " check-ins missed in a row", now);
		save(escalated);
		scheduleEscalation(escalated, now);
	}

	public void resolve(AlertEvent open, String reason, Instant now) {
		resolve(open, reason, false, now);
	}

	/** Resolves {@code open}; {@code allClear} only when the client's own check-in ended a miss raising nothing. */
	public void resolve(AlertEvent open, String reason, boolean allClear, Instant now) {
		store.delete(key(open.clientId(), open.type()));
		emit.accept(open.resolved(reason, allClear, now));
	}

	/** A staff user or a contact acknowledged or resolved an alert; an action on an unknown alert changes nothing. */
	public void act(AlertAction action, Instant now) {
		AlertEvent open = findById(action.clientId(), action.alertId());
		if (open == null) {
			return;
		}
		String by = action.actorKind().name().toLowerCase();
		if (action.action() == AlertActionType.RESOLVE) {
			resolve(open, "resolved by " + by, now);
		}
		else if (open.state() != AlertState.ACKNOWLEDGED) {
			save(open.acknowledged(recipient(action), "acknowledged by " + by, now));
		}
	}

	/** An escalation step came due: the next tier is told if the ladder says so. */
	public void escalate(String clientId, EscalationStep step, Instant now) {
		AlertEvent open = findById(clientId, step.alertId());
		if (!escalation.shouldEscalate(open, step)) {
			return;
		}
		AlertEvent escalated = open.next(AlertState.ESCALATED, open.severity(), open.level() + 1,
				"not acknowledged within "
						+ escalation.timeoutOf(open.type(), programmeMinutes.apply(open.clientId())).toMinutes() + " minutes", now);
		save(escalated);
		scheduleEscalation(escalated, now);
	}

	/** Who acted, as the notifier names a recipient: a contact's id, or {@code staff:<username>}. */
	private static String recipient(AlertAction action) {
		return action.actorKind() == AlertAction.Actor.CONTACT ? action.actor() : "staff:" + action.actor();
	}

	public void forget(String clientId) {
		for (AlertType type : AlertType.values()) {
			store.delete(key(clientId, type));
		}
	}

	private AlertEvent findById(String clientId, UUID alertId) {
		for (AlertType type : AlertType.values()) {
			AlertEvent open = store.get(key(clientId, type));
			if (open != null && open.alertId().equals(alertId)) {
				return open;
			}
		}
		return null;
	}

	private void save(AlertEvent alert) {
		store.put(key(alert.clientId(), alert.type()), alert);
		emit.accept(alert);
	}

	private void scheduleEscalation(AlertEvent alert, Instant now) {
		escalation.nextStepAt(alert, programmeMinutes.apply(alert.clientId()), now).ifPresent(at -> timers.addEscalation(at, alert.clientId(),
				new EscalationStep(alert.alertId(), alert.level(), alert.repeats())));
	}

	/** One open alert per client and type. */
	private static String key(String clientId, AlertType type) {
		return clientId + "|" + type.name();
	}
}
