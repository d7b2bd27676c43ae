package app.lantern.alert;

import java.time.Clock;
import java.time.Duration;

import app.lantern.alert.engagement.DisengagementRule;
import app.lantern.alert.open.Escalation;
import app.lantern.platform.rules.RuleBook;
import app.lantern.events.AlertEvent;

/**
 * @param rules the single-check-in rules
 * @param escalationTimeout how long an unacknowledged alert waits at a level before the next tier is told
 * @param crisisTimeout how long an unacknowledged crisis waits before it climbs (the on-call phone rings)
 * @param maxLevel the last level an alert climbs to ({@link #LAST_LEVEL})
 * @param punctuationInterval how often the deadline index is scanned (wall-clock time)
 * @param maxTimersPerPunctuation the most timers one scan handles; the rest wait for the next scan
 * @param maxScanTime the longest one scan runs; a scan cut short goes on right after the records waiting
 * @param disengagement when a drop in a client's adherence raises DISENGAGING, and when it is over
 * @param observer what the engine reports of its own work (metrics, traces)
 * @param clock what "now" is for every decision: the service's one clock, never the stream's wall clock, which
 *        only says how often the engine looks (a test moves this clock across due times and timeouts)
 */
public record AlertSettings(RuleBook rules, Duration escalationTimeout, Duration crisisTimeout, int maxLevel,
		Duration punctuationInterval,
		int maxTimersPerPunctuation, Duration maxScanTime, DisengagementRule disengagement, Observer observer,
		Clock clock) {

	/**
	 * One stream thread runs every task's scan between two batches of records: three partitions' scans of
	 * 50 ms keep a crisis check-in waiting at most about 150 ms behind a burst of deadlines.
	 */
	public static final Duration MAX_SCAN_TIME = Duration.ofMillis(50);

	/**
	 * Levels 1 and 2: the client's contacts of those tiers; 3: the programme's staff member on call; 4: the next
	 * on the rota, when no one acknowledged. (The notifier brings staff in earlier when no contact can be told.)
	 */
	public static final int LAST_LEVEL = 4;

	/** Deployed settings but for the rules, the escalation timeout, the last level and the clock (tests, tools). */
	public static AlertSettings of(RuleBook rules, Duration escalationTimeout, int maxLevel, Clock clock) {
		return new AlertSettings(rules, escalationTimeout, escalationTimeout, maxLevel, Duration.ofSeconds(1), 20_000,
				MAX_SCAN_TIME, DisengagementRule.DEFAULTS, Observer.NONE, clock);
	}

	public AlertSettings withObserver(Observer observer) {
		return new AlertSettings(rules, escalationTimeout, crisisTimeout, maxLevel, punctuationInterval,
				maxTimersPerPunctuation, maxScanTime, disengagement, observer, clock);
	}

	public AlertSettings withMaxScanTime(Duration maxScanTime) {
		return new AlertSettings(rules, escalationTimeout, crisisTimeout, maxLevel, punctuationInterval,
				maxTimersPerPunctuation, maxScanTime, disengagement, observer, clock);
	}

	public AlertSettings withCrisisTimeout(Duration crisisTimeout) {
		return new AlertSettings(rules, escalationTimeout, crisisTimeout, maxLevel, punctuationInterval,
				maxTimersPerPunctuation, maxScanTime, disengagement, observer, clock);
	}

	/** The escalation ladder these settings give. */
	public Escalation escalation() {
		return new Escalation(escalationTimeout, crisisTimeout, maxLevel);
	}

	/** What the engine reports about its own work: for metrics, never for decisions. */
	public interface Observer {

		Observer NONE = new Observer() {
		};

		/** One scan of the deadline index: how many timers it handled and how long it took. */
		default void scanned(int handled, long nanos) {
		}

		/** A missed deadline was noticed {@code lag} after it passed. */
		default void missedDeadline(Duration lag) {
		}

		/** An alert event left the engine. */
		default void alert(AlertEvent event) {
		}

		/** An alert event of a client of {@code programme} (null: not known) left the engine. */
		default void alert(AlertEvent event, String programme) {
			alert(event);
		}

		/** A programme's rule could not be evaluated on a check-in: it was skipped for that check-in. */
		default void ruleFailed(String ruleId) {
		}

		/** A timer (a deadline, a reminder, an escalation step) failed: the others went on. */
		default void timerFailed(String kind) {
		}

		/**
		 * The engine judges one input record that came with the W3C {@code traceparent} (or null): a tracer
		 * continues that trace around the work.
		 */
		default void judging(String traceparent, Runnable work) {
			work.run();
		}

		/** The {@code traceparent} for what the engine forwards while judging a record that came with {@code input}. */
		default String traceparent(String input) {
			return input;
		}
	}
}
