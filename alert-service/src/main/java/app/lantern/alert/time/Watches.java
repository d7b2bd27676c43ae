package app.lantern.alert.time;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.DueTimes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Each active client's next due time, its deadline and reminder in the deadline index, and the misses in a
 * row. A due time before enrolment, before a schedule change or while paused is never missed.
 */
public final class Watches {

	private final KeyValueStore<String, Watch> store;

	private final Timers timers;

	public Watches(KeyValueStore<String, Watch> store, Timers timers) {
		this.store = store;
		this.timers = timers;
	}

	/** A newer profile: watch from its schedule if that changed, or stop watching a client not active. */
	public void follow(ClientProfile held, ClientProfile profile) {
		Watch watch = store.get(profile.clientId());
		if (profile.status() != ClientStatus.ACTIVE) {
			// paused (say, inpatient) or discharged: no missed check-ins, no reminders
			unwatch(watch);
			return;
		}
		boolean scheduleChanged = held == null || !held.schedule().equals(profile.schedule())
				|| !held.timezone().equals(profile.timezone()) || held.status() != ClientStatus.ACTIVE;
		if (watch == null || scheduleChanged) {
			unwatch(watch);
			Instant start = latest(profile.enrolledAt(), profile.schedule().effectiveFrom(), profile.occurredAt());
			watch(profile.clientId(), profile.schedule(), profile.timezone(), start, start,
					watch == null ? 0 : watch.misses(), profile.awayUntil());
		}
		else if (!Objects.equals(watch.awayUntil(), profile.awayUntil())) {
			store.put(profile.clientId(), watch.withAwayUntil(profile.awayUntil()));
		}
	}

	public void forget(String clientId) {
		unwatch(store.get(clientId));
	}

	/** A check-in in the watched window satisfies the due time. */
	public void checkedIn(String clientId, Instant receivedAt) {
		Watch watch = store.get(clientId);
		if (watch != null && watch.counts(receivedAt)) {
			store.put(clientId, watch.asSatisfied(receivedAt));
		}
	}

	/** The client ended a run of misses: the next miss is the first again. */
	public void missesEnded(String clientId) {
		Watch watch = store.get(clientId);
		if (watch != null) {
			store.put(clientId, watch.withNoMisses());
		}
	}

	/**
	 * A due time whose deadline passed: the watch as it stood (kept or not, and when), the client's zone, and how
	 * many due times in a row have now been missed.
	 */
	public record Passed(Watch watch, ZoneId zone, int misses) {

		/** Missed, and not during the client's own away. */
		public boolean missed() {
			return !watch.satisfied() && !excused();
		}

		/** It fell in the client's own away: neither missed nor kept. */
		public boolean excused() {
			return watch.excused(watch.deadline());
		}
	}

	/**
	 * The deadline timer at {@code deadline} fired: watch the next due time, and say what became of this one.
	 * Empty when the timer belongs to a watch that a schedule change, a pause or an erase replaced. The watch's
	 * own schedule gives the next due time; the profile is read only for a watch written before watches kept it.
	 */
	public Optional<Passed> deadlinePassed(String clientId, Instant deadline, Supplier<ClientProfile> profile) {
		Watch watch = store.get(clientId);
		if (watch == null || !watch.deadline().equals(deadline)) {
			return Optional.empty();
		}
		ClientProfile.Schedule schedule = watch.schedule();
		ZoneId zone = watch.timezone();
		if (schedule == null || zone == null) {
			ClientProfile held = profile.get();
			if (held == null) {
				return Optional.empty();
			}
			schedule = held.schedule();
			zone = held.timezone();
		}
		int misses = watch.satisfied() || watch.excused(deadline) ? watch.misses() : watch.misses() + 1;
		watch(clientId, schedule, zone, watch.due(), watch.deadline(), misses, watch.awayUntil());
		return Optional.of(new Passed(watch, zone, misses));
	}

	/** A reminder to send: before the due time, or one of the ladder's last nudges ({@code nudge}). */
	public record Reminder(Instant due, boolean nudge) {
	}

	/**
	 * The reminder timer at {@code at} fired: what to send, decided now — nothing once the client has checked in
	 * for the due time, stopped texts, is not active or is away, or when the moment has passed (a reminder after the
	 * due time, a nudge after the deadline).
	 */
	public Optional<Reminder> reminderDue(ClientProfile profile, Instant at, Instant now) {
		Watch watch = profile == null ? null : store.get(profile.clientId());
		if (watch == null || watch.satisfied() || profile.status() != ClientStatus.ACTIVE || profile.smsOptedOut()
				|| watch.excused(watch.deadline())) {
			return Optional.empty();
		}
		if (at.equals(watch.reminderAt()) && !now.isAfter(watch.due())) {
			return Optional.of(new Reminder(watch.due(), false));
		}
		if (nudges(watch).contains(at) && now.isBefore(watch.deadline())) {
			return Optional.of(new Reminder(watch.due(), true));
		}
		return Optional.empty();
	}

	private static List<Instant> nudges(Watch watch) {
		return watch.schedule() == null ? List.of() : DueTimes.nudges(watch.schedule(), watch.due());
	}

	/** Waits for the first due time after {@code after}; its window opens at {@code windowStart}. */
	private void watch(String clientId, ClientProfile.Schedule schedule, ZoneId zone, Instant after,
			Instant windowStart, int misses, Instant awayUntil) {
		Instant due = DueTimes.nextAfter(schedule, zone, after);
		Instant deadline = DueTimes.deadline(schedule, due);
		Instant reminder = DueTimes.reminder(schedule, due);
		Instant opens = windowStart.isAfter(due) ? due : windowStart;
		store.put(clientId,
				new Watch(clientId, due, opens, deadline, reminder, false, misses, schedule, zone, null, awayUntil));
		timers.add(deadline, TimerKind.DEADLINE, clientId);
		if (reminder != null && reminder.isAfter(windowStart)) {
			timers.add(reminder, TimerKind.REMINDER, clientId);
		}
		for (Instant nudge : DueTimes.nudges(schedule, due)) {
			if (nudge.isAfter(windowStart)) {
				timers.add(nudge, TimerKind.REMINDER, clientId);
			}
		}
	}

	private void unwatch(Watch watch) {
		if (watch == null) {
			return;
		}
		timers.remove(watch.deadline(), TimerKind.DEADLINE, watch.clientId());
		timers.remove(watch.reminderAt(), TimerKind.REMINDER, watch.clientId());
		nudges(watch).forEach(nudge -> timers.remove(nudge, TimerKind.REMINDER, watch.clientId()));
		store.delete(watch.clientId());
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
