package app.lantern.notifier.delivery.steps;

import java.time.Duration;
import java.time.Instant;

import app.lantern.events.AlertType;
import app.lantern.notifier.delivery.Channel;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What follows a failed send, as a pure function of the failure, the attempts so far, the channel's failures
 * in a row and {@code now}: try again after an exponential back-off, or give up (a permanent error, or too
 * many attempts) — and whether the channel itself now rests, so that its other sends wait instead of each
 * hanging on a timeout. Permanent errors and rate limits are not the channel's failures and never rest it;
 * refused credentials rest it at once, without spending the message's attempt.
 *
 * @param backoff the wait after the first recoverable failure; it doubles each time
 * @param maxBackoff the longest wait between two attempts
 * @param maxAttempts attempts before a delivery is given up as FAILED
 * @param outageAfter failures of the channel in a row after which it rests
 * @param outageRest how long it rests
 */
public record RetryPolicy(Duration backoff, Duration maxBackoff, int maxAttempts, int outageAfter, Duration outageRest) {

	/** The decision after one failure; {@code channelRestsUntil} is set when the channel must rest until then. */
	public sealed interface AfterFailure {

		int attempts();

		Instant channelRestsUntil();
	}

	public record RetryAt(int attempts, Instant at, Instant channelRestsUntil) implements AfterFailure {
	}

	public record GiveUp(int attempts, String detail, Instant channelRestsUntil) implements AfterFailure {
	}

	AfterFailure afterFailure(Channel.SendException failure, int attemptsBefore, int channelFailuresInARow,
			Instant now) {
		if (failure.credentialsRefused()) {
			// the channel refuses Lantern itself: no message is at fault, none spends an attempt; all wait
			return new RetryAt(attemptsBefore, now.plus(outageRest), now.plus(outageRest));
		}
		Instant rest = failure.channelAtFault() && channelFailuresInARow >= outageAfter ? now.plus(outageRest) : null;
		int attempts = attemptsBefore + 1;
		if (failure.permanent()) {
			return new GiveUp(attempts, failure.getMessage(), rest);
		}
		if (attempts >= maxAttempts) {
			return new GiveUp(attempts, "gave up after " + attempts + " attempts: " + failure.getMessage(), rest);
		}
		return new RetryAt(attempts, now.plus(backoffAfter(attempts)), rest);
	}

	/** How long a crisis sent without an answer may wait for Twilio's list to say whether it went. */
	public static final Duration UNSURE_CRISIS = Duration.ofMinutes(2);

	/** How long anything else may wait for it. */
	public static final Duration UNSURE = Duration.ofMinutes(10);

	/**
	 * After a send whose outcome is unknown, the next attempt asks the channel's list first; when that look-up fails
	 * too (the list down, an API key without rights to it), the message waits — but not for ever: once it has been
	 * unsure for {@link #UNSURE_CRISIS} (a crisis) or {@link #UNSURE} (anything else), it is sent again without
	 * knowing. A duplicate is better than silence.
	 */
	public static boolean sendWithoutKnowing(AlertType type, Instant unsureSince, Instant now) {
		Duration bound = type == AlertType.CRISIS ? UNSURE_CRISIS : UNSURE;
		return !now.isBefore(unsureSince.plus(bound));
	}

	/** The wait after the {@code attempts}-th failure: Spring's exponential back-off, stepped that far. */
	private Duration backoffAfter(int attempts) {
		ExponentialBackOff exponential = new ExponentialBackOff(backoff.toMillis(), 2.0);
		exponential.setMaxInterval(maxBackoff.toMillis());
		BackOffExecution steps = exponential.start();
		long wait = 0;
		for (int i = 0; i < attempts; i++) {
			wait = steps.nextBackOff();
		}
		return Duration.ofMillis(wait);
	}
}
