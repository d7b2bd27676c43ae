package app.lantern.notifier.delivery.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import app.lantern.events.AlertType;
import app.lantern.notifier.delivery.Channel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What follows a failed send, as a table: back-off doubling to its ceiling, giving up, and resting the channel
 * only for the channel's own failures. Time is passed in, so an hour of Twilio trouble is a row, not a wait.
 */
class RetryPolicyTest {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	/** 2 s doubling to 5 min, 20 attempts; a channel failing 5 times in a row rests 30 s. */
	private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(5), 20, 5,
			Duration.ofSeconds(30));

	@ParameterizedTest(name = "{0}")
	@CsvSource(nullValues = "none", textBlock = """
			# case,                                   permanent, at fault, attempts before, in a row, outcome,  attempts, retry in (s), rests (s)
			first timeout: retry after 2 s,             false,     true,     0,               1,         retry,    1,        2,            none
			third failure: the back-off doubles,        false,     true,     2,               3,         retry,    3,        8,            none
			ninth failure: the back-off is capped,      false,     true,     8,               4,         retry,    9,        300,          none
			fifth failure of the channel in a row rests,false,     true,     4,               5,         retry,    5,        32,           30
			a rate limit of one number never rests,     false,     false,    4,               0,         retry,    5,        32,           none
			the twentieth attempt gives up,             false,     true,     19,              1,         give up,  20,       none,         none
			an invalid number gives up at once,         true,      false,    0,               0,         give up,  1,        none,         none
			a permanent failure still rests a failing channel, true, true,   0,               7,         give up,  1,        none,         30
			""")
	void decidesWhatFollowsAFailure(String what, boolean permanent, boolean channelAtFault, int attemptsBefore,
			int inARow, String outcome, int attempts, Integer retryInSeconds, Integer restsSeconds) {
		var failure = new Channel.SendException("refused", permanent, channelAtFault, null);

		RetryPolicy.AfterFailure next = policy.afterFailure(failure, attemptsBefore, inARow, NOW);

		assertThat(next.attempts()).isEqualTo(attempts);
		if ("retry".equals(outcome)) {
			assertThat(next).isInstanceOfSatisfying(RetryPolicy.RetryAt.class,
					retry -> assertThat(retry.at()).isEqualTo(NOW.plusSeconds(retryInSeconds)));
		}
		else {
			assertThat(next).isInstanceOf(RetryPolicy.GiveUp.class);
		}
		assertThat(next.channelRestsUntil()).isEqualTo(restsSeconds == null ? null : NOW.plusSeconds(restsSeconds));
	}

	/** Unsure since {@code unsureFor} ago and the channel's list cannot say whether it went: send again, or wait? */
	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			a crisis unsure for a minute waits,                CRISIS,         PT1M,      false
			a crisis unsure for two minutes goes,              CRISIS,         PT2M,      true
			a high craving unsure for nine minutes waits,      HIGH_CRAVING,   PT9M59S,   false
			a high craving unsure for ten minutes goes,        HIGH_CRAVING,   PT10M,     true
			a welcome (no alert type) unsure for ten minutes,  ,               PT10M,     true
			""")
	void aSendWhoseOutcomeNoOneCanTellGoesAfterItsBound(String what, AlertType type, Duration unsureFor,
			boolean sendAgain) {
		assertThat(RetryPolicy.sendWithoutKnowing(type, NOW.minus(unsureFor), NOW)).isEqualTo(sendAgain);
	}
}
