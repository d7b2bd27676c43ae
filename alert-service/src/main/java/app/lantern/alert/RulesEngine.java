package app.lantern.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import app.lantern.alert.engagement.Engagement;
import app.lantern.alert.history.CheckInHistory;
import app.lantern.alert.history.RecentCheckIns;
import app.lantern.alert.open.AwayNotices;
import app.lantern.alert.open.OpenAlerts;
import app.lantern.alert.time.DeadlineScan;
import app.lantern.alert.time.Timers;
import app.lantern.alert.time.Watches;
import app.lantern.events.AlertAction;
import app.lantern.events.AlertType;
import app.lantern.events.AttendanceRecorded;
import app.lantern.events.CheckInReceived;
import app.lantern.events.ClientMessage;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.Defaults;
import app.lantern.events.LanternEvent;
import app.lantern.events.Severity;
import app.lantern.platform.rules.Rule;
import app.lantern.platform.rules.RuleInput;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules engine of one stream task: what each input means for a client's watches, open alerts and
 * check-in history, in the order the rules give it. Time is passed in (the settings' clock);
 * what should be said is handed to {@code emit}; nothing here talks to the world.
 */
final class RulesEngine {

	private static final Logger log = LoggerFactory.getLogger(RulesEngine.class);

	private final KeyValueStore<String, ClientProfile> profiles;

	private final Watches watches;

	private final OpenAlerts alerts;

	private final CheckInHistory history;

	private final Timers timers;

	private final DeadlineScan scan;

	private final Engagement engagement;

	private final AwayNotices aways;

	private final AlertSettings settings;

	private final ProgrammeRules programmeRules;

	private final Consumer<LanternEvent> emit;

	RulesEngine(ProcessorContext<?, ?> context, AlertSettings settings, Consumer<LanternEvent> emit) {
		this.timers = new Timers(context.getStateStore(AlertTopology.TIMERS));
		this.scan = new DeadlineScan(timers, settings.maxTimersPerPunctuation(), settings.maxScanTime());
		this.profiles = context.getStateStore(AlertTopology.PROFILES);
		this.watches = new Watches(context.getStateStore(AlertTopology.WATCHES), timers);
		this.alerts = new OpenAlerts(context.getStateStore(AlertTopology.OPEN_ALERTS), timers,
				settings.escalation(), emit::accept, clientId -> {
					ClientProfile profile = profiles.get(clientId);
					return profile == null ? Map.of() : profile.escalationMinutes();
				});
		this.history = new CheckInHistory(context.getStateStore(AlertTopology.RECENT_CHECKINS));
		this.engagement = new Engagement(context.getStateStore(AlertTopology.ADHERENCE), settings.disengagement());
		this.aways = new AwayNotices(alerts, timers);
		this.settings = settings;
		this.programmeRules = new ProgrammeRules(settings.rules());
		this.emit = emit;
	}

	/**
	 * The client answered whether they made it to an appointment: evidence for (or against) a drift from their
	 * usual, for an active client known here.
	 */
	void attendance(AttendanceRecorded answer, Instant now) {
		ClientProfile profile = profiles.get(answer.clientId());
		if (profile == null || profile.status() != ClientStatus.ACTIVE) {
			return;
		}
		long today = now.atZone(profile.timezone()).toLocalDate().toEpochDay();
		engagement.appointment(answer.clientId(), answer.attended(), today, answer.startsAt(), alerts, now);
	}

	/** A newer profile replaces the one held (an older one, or a replay, changes nothing); null erases. */
	void profile(String clientId, ClientProfile profile, Instant now) {
		if (profile == null) {
			watches.forget(clientId);
			alerts.forget(clientId);
			history.forget(clientId);
			engagement.forget(clientId);
			profiles.delete(clientId);
			return;
		}
		ClientProfile held = profiles.get(clientId);
		if (held != null && held.version() >= profile.version()) {
			return;
		}
		// the store (and its changelog topic) keeps only what the rules need: no name, number or address
		profiles.put(clientId, profile.withoutPersonalData());
		watches.follow(held, profile);
		aways.followed(held, profile, now);
	}

	/**
	 * A check-in satisfies its due time, every single-check-in rule is tried, and it ends a missed check-in —
	 * as "all clear" for those who were told only when it raised nothing; a high craving ends when a later
	 * check-in is below the threshold.
	 */
	void checkIn(CheckInReceived checkIn, Instant now) {
		RecentCheckIns before = history.record(checkIn).orElse(null);
		if (before == null) {
			return; // seen already: the outbox may deliver twice
		}
		String clientId = checkIn.clientId();
		ClientProfile profile = profiles.get(clientId);
		if (profile != null && profile.status() == ClientStatus.DISCHARGED) {
			return; // a discharged client raises nothing and discloses nothing
		}
		int threshold = profile == null ? Defaults.CRAVING_THRESHOLD : profile.cravingThreshold();

		watches.checkedIn(clientId, checkIn.receivedAt());
		RuleInput input = new RuleInput(checkIn.craving(), checkIn.mood(), checkIn.used(), checkIn.crisis(), threshold,
				before.cravingBack(0), before.cravingBack(1), profile == null ? null : profile.programme());
		boolean raisedAnything = false;
		boolean raisedCrisis = false;
		// the client's programme's own rules file, or the deployment's
		for (Rule rule : programmeRules.of(profile).rules()) {
			if (matches(rule, input)) {
				alerts.raise(clientId, rule.type(), rule.severity(), "rule " + rule.id(), checkIn.receivedAt(),
						checkIn.checkInId(), checkIn.profileVersion(), now);
				raisedAnything = true;
				raisedCrisis |= rule.type() == AlertType.CRISIS;
			}
		}
		if (checkIn.crisis() && !raisedCrisis) {
			// never silent: whatever a programme's rules say, words of crisis raise a crisis
			alerts.raise(clientId, AlertType.CRISIS, Severity.CRITICAL, "rule crisis", checkIn.receivedAt(),
					checkIn.checkInId(), checkIn.profileVersion(), now);
			raisedAnything = true;
		}
		// the check-in ends a miss; "all clear" only when it raised nothing (never for a crisis, use or craving)
		boolean allClear = !raisedAnything;
		alerts.find(clientId, AlertType.MISSED_CHECKIN).ifPresent(missed -> {
			alerts.resolve(missed, allClear ? "the client checked in" : "the client checked in, with a concern",
					allClear, now);
			watches.missesEnded(clientId);
		});
		alerts.find(clientId, AlertType.HIGH_CRAVING)
			.filter(high -> checkIn.craving() != null && checkIn.craving() < threshold
					&& !high.checkInId().equals(checkIn.checkInId()))
			.ifPresent(high -> alerts.resolve(high, "a later check-in was below the threshold", now));
	}

	/**
	 * A programme's rule that throws on this check-in (a division by zero, a null it did not expect) is skipped
	 * for this check-in only: the other rules still judge it. Logged by rule id and exception type only — the
	 * message could carry the check-in's values.
	 */
	private boolean matches(Rule rule, RuleInput input) {
		try {
			return rule.matches(input);
		}
		catch (RuntimeException failure) {
			log.warn("Rule '{}' could not be evaluated on a check-in and was skipped for it: {}", rule.id(),
					failure.getClass().getName());
			settings.observer().ruleFailed(rule.id());
			return false;
		}
	}

	/** The programme of a client the engine holds a profile of, or null. */
	String programmeOf(String clientId) {
		ClientProfile profile = profiles.get(clientId);
		return profile == null ? null : profile.programme();
	}

	void action(AlertAction action, Instant now) {
		alerts.act(action, now);
	}

	/**
	 * One slice of the scan of the deadline index ({@link DeadlineScan}): the timers due by {@code now}, each fired
	 * on its own — one client's broken state must not stop every other client's deadlines.
	 */
	DeadlineScan.Slice punctuate(Instant now, long startedNanos, boolean fromStart) {
		return scan.run(now, startedNanos, fromStart, timer -> fire(timer, now));
	}

	private void fire(Timers.Timer timer, Instant now) {
		try {
			switch (timer.kind()) {
				case DEADLINE -> deadlinePassed(timer, now);
				case REMINDER -> remind(timer, now);
				case ESCALATION -> escalate(timer, now);
				case AWAY_END -> aways.ended(profiles.get(timer.clientId()), timer.at(), now);
			}
		}
		catch (RuntimeException failure) {
			log.error("A {} timer failed and was dropped; the scan goes on: {}", timer.kind(), failure.getClass().getName(),
					failure);
			settings.observer().timerFailed(timer.kind().name());
		}
	}

	private void deadlinePassed(Timers.Timer timer, Instant now) {
		String clientId = timer.clientId();
		watches.deadlinePassed(clientId, timer.at(), () -> profiles.get(clientId)).ifPresent(passed -> {
			if (passed.excused()) {
				return; // the client said they would be away: neither a miss nor a due time kept
			}
			if (passed.missed()) {
				settings.observer().missedDeadline(Duration.between(timer.at(), now));
				alerts.missed(clientId, timer.at(), passed.misses(), now);
			}
			engagement.duePassed(clientId, passed, alerts, now);
		});
	}

	/** The ladder climbs only for an active client: a paused (say, inpatient) or discharged one's alerts stay put. */
	private void escalate(Timers.Timer timer, Instant now) {
		ClientProfile profile = profiles.get(timer.clientId());
		if (profile == null || profile.status() == ClientStatus.ACTIVE) {
			alerts.escalate(timer.clientId(), timer.escalation(), now);
		}
	}

	private void remind(Timers.Timer timer, Instant now) {
		watches.reminderDue(profiles.get(timer.clientId()), timer.at(), now)
			.ifPresent(reminder -> emit.accept(new ClientMessage(UUID.randomUUID(), now, ClientMessage.SCHEMA_VERSION,
					UUID.randomUUID(), timer.clientId(),
					reminder.nudge() ? ClientMessage.Kind.CHECKIN_NUDGE : ClientMessage.Kind.CHECKIN_REMINDER,
					reminder.due())));
	}
}
