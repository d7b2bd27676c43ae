package app.lantern.alert;

import java.time.Duration;

import app.lantern.alert.rules.RuleBook;

/**
 * @param rules the single-check-in rules
 * @param escalationTimeout how long an unacknowledged alert waits at a level before the next tier is told
 * @param maxLevel the last tier (3: programme on-call staff)
 * @param punctuationInterval how often the deadline index is scanned (wall-clock time)
 * @param maxTimersPerPunctuation the most timers one scan handles; the rest wait for the next scan
 */
public record AlertSettings(RuleBook rules, Duration escalationTimeout, int maxLevel, Duration punctuationInterval,
		int maxTimersPerPunctuation) {
}
