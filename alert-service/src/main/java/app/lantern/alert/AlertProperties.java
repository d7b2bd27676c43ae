package app.lantern.alert;

import java.time.Duration;

import app.lantern.alert.engagement.DisengagementRule;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param rules where the single-check-in rules are ({@code classpath:rules.yml}, or a file of the programme's)
 * @param escalationTimeout how long an alert waits unacknowledged at a level before the next tier is told
 * @param crisisTimeout how long a crisis waits unacknowledged before it climbs: the on-call phone rings
 * @param punctuationInterval how often the deadline index is scanned
 * @param maxTimersPerPunctuation the most deadlines, reminders and escalations one scan handles
 * @param maxScanTime the longest one scan of a partition's deadline index runs before it yields to the check-ins
 *        waiting (a crisis must not wait behind a burst of deadlines); the rest is scanned at once after them
 * @param disengagement the thresholds of the DISENGAGING rule ({@link DisengagementRule})
 */
@ConfigurationProperties("lantern.alerts")
public record AlertProperties(String rules, Duration escalationTimeout, Duration crisisTimeout,
		Duration punctuationInterval,
		Integer maxTimersPerPunctuation, Duration maxScanTime, Disengagement disengagement) {

	/** {@code lantern.alerts.disengagement.*}: each absent one takes its default ({@link DisengagementRule#DEFAULTS}). */
	public record Disengagement(Integer recentDays, Integer baselineDays, Integer minBaselineDue, Double drop,
			Double later, Double evidence) {

		DisengagementRule rule() {
			DisengagementRule defaults = DisengagementRule.DEFAULTS;
			return new DisengagementRule(or(recentDays, defaults.recentDays()), or(baselineDays, defaults.baselineDays()),
					or(minBaselineDue, defaults.minBaselineDue()), or(drop, defaults.drop()), or(later, defaults.later()),
					or(evidence, defaults.evidence()));
		}

		private static <T> T or(T value, T otherwise) {
			return value == null ? otherwise : value;
		}
	}

	/** The disengagement rule these settings give; the defaults where none is set. */
	public DisengagementRule disengagementRule() {
		return disengagement == null ? DisengagementRule.DEFAULTS : disengagement.rule();
	}

	public AlertProperties {
		rules = rules == null || rules.isBlank() ? "classpath:rules.yml" : rules;
		escalationTimeout = escalationTimeout == null ? Duration.ofMinutes(30) : escalationTimeout;
		crisisTimeout = crisisTimeout == null ? Duration.ofMinutes(5) : crisisTimeout;
		punctuationInterval = punctuationInterval == null ? Duration.ofSeconds(1) : punctuationInterval;
		maxTimersPerPunctuation = maxTimersPerPunctuation == null ? 20_000 : maxTimersPerPunctuation;
		maxScanTime = maxScanTime == null ? AlertSettings.MAX_SCAN_TIME : maxScanTime;
	}
}
