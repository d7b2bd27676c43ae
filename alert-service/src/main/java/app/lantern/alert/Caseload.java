package app.lantern.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import app.lantern.alert.rules.Rule;
import app.lantern.alert.rules.RuleInput;
import app.lantern.alert.time.DueTimes;
import app.lantern.alert.time.Timers;
import app.lantern.alert.time.Watch;
import app.lantern.events.AlertAction;
import app.lantern.events.AlertActionType;
import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.CheckInReceived;
import app.lantern.events.ClientMessage;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.LanternEvent;
import app.lantern.events.Severity;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The state of the clients of one stream task, and every rule that changes it. Time is passed in (the
 * stream's wall clock); what should be said is handed to {@code emit}; nothing here talks to the world.
 */
final class Caseload {

	private final KeyValueStore<String, ClientProfile> profiles;

	private final KeyValueStore<String, Watch> watches;

	private final KeyValueStore<String, AlertEvent> openAlerts;

	private final KeyValueStore<String, String> recent;

	private final Timers timers;

	private final AlertSettings settings;

	private final Consumer<LanternEvent> emit;

	Caseload(ProcessorContext<?, ?> context, AlertSettings settings, Consumer<LanternEvent> emit) {
		this.profiles = context.getStateStore(AlertTopology.PROFILES);
		this.watches = context.getStateStore(AlertTopology.WATCHES);
		this.openAlerts = context.getStateStore(AlertTopology.OPEN_ALERTS);
		this.recent = context.getStateStore(AlertTopology.RECENT_CHECKINS);
		KeyValueStore<Bytes, String> index = context.getStateStore(AlertTopology.TIMERS);
		this.timers = new Timers(index);
		this.settings = settings;
		this.emit = emit;
	}

	// --- profiles -------------------------------------------------------------------------------------

	void profile(String clientId, ClientProfile profile, Instant now) {
		if (profile == null) {
			forget(clientId);
			return;
		}
		ClientProfile held = profiles.get(clientId);
		if (held != null && held.version() >= profile.version()) {
			return; // an older profile, or a replay
		}
		profiles.put(clientId, profile);
		Watch watch = watches.get(clientId);
		if (profile.status() != ClientStatus.ACTIVE) {
			// paused (say, inpatient) or discharged: no missed check-ins, no reminders
			unwatch(watch);
			return;
		}
		boolean scheduleChanged = held == null || !held.schedule().equals(profile.schedule())
				|| !held.timezone().equals(profile.timezone()) || held.status() != ClientStatus.ACTIVE;
		if (watch == null || scheduleChanged) {
			unwatch(watch);
			// a due time before enrolment, before a schedule change or while paused is never missed
			Instant start = latest(profile.enrolledAt(), profile.schedule().effectiveFrom(), profile.occurredAt());
			watch(profile, start, start, watch == null ? 0 : watch.misses());
		}
	}

	private void forget(String clientId) {
		unwatch(watches.get(clientId));
		profiles.delete(clientId);
		recent.delete(clientId);
		for (AlertType type : AlertType.values()) {
			openAlerts.delete(OpenAlerts.key(clientId, type));
		}
	}

	// --- check-ins ------------------------------------------------------------------------------------

	void checkIn(CheckInReceived checkIn, Instant now) {
		List<Integer> before = recentCravings(checkIn);
		if (before == null) {
			return; // seen already: the outbox may deliver twice
		}
		ClientProfile profile = profiles.get(checkIn.clientId());
		int threshold = profile == null ? 8 : profile.cravingThreshold();

		Watch watch = watches.get(checkIn.clientId());
		if (watch != null && watch.counts(checkIn.receivedAt())) {
			watches.put(checkIn.clientId(), watch.asSatisfied());
		}
		AlertEvent missed = openAlerts.get(OpenAlerts.key(checkIn.clientId(), AlertType.MISSED_CHECKIN));
		if (missed != null) {
			// the all clear: the notifier tells everyone who was told that the client checked in
			close(missed, "the client checked in", now);
			Watch current = watches.get(checkIn.clientId());
			if (current != null) {
				watches.put(checkIn.clientId(), new Watch(current.clientId(), current.due(), current.windowStart(),
						current.deadline(), current.reminderAt(), current.satisfied(), 0));
			}
		}

		RuleInput input = new RuleInput(checkIn.craving(), checkIn.mood(), checkIn.used(), checkIn.crisis(), threshold,
				before.size() > 0 ? before.get(0) : null, before.size() > 1 ? before.get(1) : null);
		for (Rule rule : settings.rules().rules()) {
			if (rule.matches(input)) {
				raise(checkIn.clientId(), rule.type(), rule.severity(), "rule " + rule.id(), checkIn.receivedAt(),
						checkIn.checkInId(), now);
			}
		}
		AlertEvent high = openAlerts.get(OpenAlerts.key(checkIn.clientId(), AlertType.HIGH_CRAVING));
		if (high != null && checkIn.craving() != null && checkIn.craving() < threshold && !high.checkInId()
			.equals(checkIn.checkInId())) {
			close(high, "a later check-in was below the threshold", now);
		}
	}

	/** The cravings before this check-in, newest first; null when this check-in was seen before. */
	private List<Integer> recentCravings(CheckInReceived checkIn) {
		String held = recent.get(checkIn.clientId());
		List<String> entries = new ArrayList<>(held == null || held.isEmpty() ? List.of() : List.of(held.split(",")));
		String id = checkIn.checkInId().toString();
		List<Integer> cravings = new ArrayList<>();
		for (String entry : entries) {
			String[] parts = entry.split(":");
			if (parts[0].equals(id)) {
				return null;
			}
			cravings.add("-".equals(parts[1]) ? null : Integer.valueOf(parts[1]));
		}
		entries.add(0, id + ":" + (checkIn.craving() == null ? "-" : checkIn.craving()));
		recent.put(checkIn.clientId(), String.join(",", entries.subList(0, Math.min(entries.size(), 50))));
		return cravings;
	}

	// --- staff and contacts acting on alerts -----------------------------------------------------------

	void action(AlertAction action, Instant now) {
		for (AlertType type : AlertType.values()) {
			AlertEvent open = openAlerts.get(OpenAlerts.key(action.clientId(), type));
			if (open == null || !open.alertId().equals(action.alertId())) {
				continue;
			}
			String by = action.actorKind().name().toLowerCase();
			if (action.action() == AlertActionType.RESOLVE) {
				close(open, "resolved by " + by, now);
			}
			else if (open.state() != AlertState.ACKNOWLEDGED) {
				AlertEvent acknowledged = open.next(AlertState.ACKNOWLEDGED, open.severity(), open.level(),
						"acknowledged by " + by, now);
				openAlerts.put(OpenAlerts.key(open.clientId(), type), acknowledged);
				emit.accept(acknowledged);
			}
			return;
		}
	}

	// --- the clock ------------------------------------------------------------------------------------

	/**
	 * Handles every timer due by {@code now}, earliest first, up to the limit; returns how many. A timer can
	 * set another that is already due (after downtime, the next deadline may have passed too): those are
	 * handled in the same scan, so every deadline that passed while the service was down fires once.
	 */
	int punctuate(Instant now) {
		int handled = 0;
		while (handled < settings.maxTimersPerPunctuation()) {
			List<Timers.Timer> due = timers.due(now, settings.maxTimersPerPunctuation() - handled);
			if (due.isEmpty()) {
				break;
			}
			for (Timers.Timer timer : due) {
				timers.remove(timer.at(), timer.kind(), timer.clientId());
				switch (timer.kind()) {
					case Timers.DEADLINE -> deadline(timer, now);
					case Timers.REMINDER -> reminder(timer, now);
					case Timers.ESCALATION -> escalate(timer, now);
					default -> {
					}
				}
			}
			handled += due.size();
		}
		return handled;
	}

	private void deadline(Timers.Timer timer, Instant now) {
		Watch watch = watches.get(timer.clientId());
		ClientProfile profile = profiles.get(timer.clientId());
		if (watch == null || profile == null || !watch.deadline().equals(timer.at())) {
			return; // replaced by a schedule change, a pause or an erase
		}
		int misses = watch.misses();
		if (!watch.satisfied()) {
			misses++;
			String key = OpenAlerts.key(timer.clientId(), AlertType.MISSED_CHECKIN);
			AlertEvent open = openAlerts.get(key);
			settings.observer().missedDeadline(java.time.Duration.between(timer.at(), now));
			if (open == null) {
				// the alert carries the instant the deadline passed, not when it was noticed
				raise(timer.clientId(), AlertType.MISSED_CHECKIN, Severity.MEDIUM, "no check-in by the deadline",
						timer.at(), null, now);
			}
			else {
				// consecutive misses raise the level
				int level = Math.min(settings.maxLevel(), open.level() + 1);
				Severity severity = misses >= 2 ? Severity.HIGH : open.severity();
				AlertEvent escalated = open.next(AlertState.ESCALATED, severity, level,
						misses + " check-ins missed in a row", now);
				openAlerts.put(key, escalated);
				emit.accept(escalated);
				scheduleEscalation(escalated, now);
			}
		}
		watch(profile, watch.due(), watch.deadline(), misses);
	}

	private void reminder(Timers.Timer timer, Instant now) {
		Watch watch = watches.get(timer.clientId());
		ClientProfile profile = profiles.get(timer.clientId());
		if (watch == null || profile == null || watch.satisfied() || !timer.at().equals(watch.reminderAt())
				|| profile.status() != ClientStatus.ACTIVE || profile.smsOptedOut() || now.isAfter(watch.due())) {
			return;
		}
		emit.accept(new ClientMessage(UUID.randomUUID(), now, ClientMessage.SCHEMA_VERSION, UUID.randomUUID(),
				timer.clientId(), ClientMessage.Kind.CHECKIN_REMINDER, watch.due()));
	}

	/** A step re-checks that the alert is still open, unacknowledged and at the level it was scheduled from. */
	private void escalate(Timers.Timer timer, Instant now) {
		String[] payload = timer.payload().split("@");
		UUID alertId = UUID.fromString(payload[0]);
		int scheduledAt = Integer.parseInt(payload[1]);
		for (AlertType type : AlertType.values()) {
			String key = OpenAlerts.key(timer.clientId(), type);
			AlertEvent open = openAlerts.get(key);
			if (open == null || !open.alertId().equals(alertId)) {
				continue;
			}
			if (open.state() == AlertState.ACKNOWLEDGED || open.level() != scheduledAt
					|| open.level() >= settings.maxLevel()) {
				return;
			}
			AlertEvent escalated = open.next(AlertState.ESCALATED, open.severity(), open.level() + 1,
					"not acknowledged within " + settings.escalationTimeout().toMinutes() + " minutes", now);
			openAlerts.put(key, escalated);
			emit.accept(escalated);
			scheduleEscalation(escalated, now);
			return;
		}
	}

	// --- helpers --------------------------------------------------------------------------------------

	/**
	 * One open alert per client and type: a repeat updates it, and is told again only if its severity rose
	 * (an ESCALATED step at the same level, with the higher severity); otherwise it raises nothing new.
	 */
	private void raise(String clientId, AlertType type, Severity severity, String reason, Instant raisedAt,
			UUID checkInId, Instant now) {
		String key = OpenAlerts.key(clientId, type);
		AlertEvent open = openAlerts.get(key);
		if (open != null) {
			if (severity.isAbove(open.severity())) {
				AlertEvent worse = open.next(AlertState.ESCALATED, severity, open.level(), reason + " (severity rose)",
						now);
				openAlerts.put(key, worse);
				emit.accept(worse);
			}
			return;
		}
		AlertEvent raised = AlertEvent.of(UUID.randomUUID(), clientId, type, severity, 1, AlertState.RAISED, reason,
				raisedAt, checkInId, now);
		openAlerts.put(key, raised);
		emit.accept(raised);
		// a crisis is told to every tier at once: there is no ladder to climb
		if (type != AlertType.CRISIS) {
			scheduleEscalation(raised, now);
		}
	}

	private void close(AlertEvent open, String reason, Instant now) {
		openAlerts.delete(OpenAlerts.key(open.clientId(), open.type()));
		emit.accept(open.next(AlertState.RESOLVED, open.severity(), open.level(), reason, now));
	}

	private void scheduleEscalation(AlertEvent alert, Instant now) {
		if (alert.level() < settings.maxLevel()) {
			timers.add(now.plus(settings.escalationTimeout()), Timers.ESCALATION, alert.clientId(),
					alert.alertId() + "@" + alert.level());
		}
	}

	/** Waits for the first due time after {@code after}; its window opens at {@code windowStart}. */
	private void watch(ClientProfile profile, Instant after, Instant windowStart, int misses) {
		ClientProfile.Schedule schedule = profile.schedule();
		Instant due = DueTimes.nextAfter(schedule, profile.timezone(), after);
		Instant deadline = DueTimes.deadline(schedule, due);
		Instant reminder = DueTimes.reminder(schedule, due);
		Instant opens = windowStart.isAfter(due) ? due : windowStart;
		Watch watch = new Watch(profile.clientId(), due, opens, deadline, reminder, false, misses);
		watches.put(profile.clientId(), watch);
		timers.add(deadline, Timers.DEADLINE, profile.clientId(), null);
		if (reminder != null && reminder.isAfter(windowStart)) {
			timers.add(reminder, Timers.REMINDER, profile.clientId(), null);
		}
	}

	private void unwatch(Watch watch) {
		if (watch == null) {
			return;
		}
		timers.remove(watch.deadline(), Timers.DEADLINE, watch.clientId());
		timers.remove(watch.reminderAt(), Timers.REMINDER, watch.clientId());
		watches.delete(watch.clientId());
	}

	private static Instant latest(Instant... instants) {
		Instant latest = Instant.MIN;
		for (Instant instant : instants) {
			if (instant != null && instant.isAfter(latest)) {
				latest = instant;
			}
		}
		return latest;
	}
}
