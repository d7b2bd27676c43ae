package app.lantern.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryStatus;
import app.lantern.events.SuppressionReason;
import app.lantern.notifier.NotifierProperties;
import app.lantern.notifier.delivery.steps.ChannelFaults;
import app.lantern.notifier.delivery.steps.ClaimStep;
import app.lantern.notifier.delivery.steps.DeliveryChecks;
import app.lantern.notifier.delivery.steps.Fallback;
import app.lantern.notifier.delivery.steps.HandOver;
import app.lantern.notifier.delivery.steps.LastLook;
import app.lantern.notifier.delivery.steps.Messages;
import app.lantern.notifier.delivery.steps.RetryPolicy;
import app.lantern.notifier.delivery.store.DeliveryLog;
import app.lantern.notifier.profiles.ProfileView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The order of delivery, in one place. Every delivery — alert, all-clear, reminder, invitation, fallback,
 * retry — goes through the same steps:
 * <ol>
 * <li><b>decide</b>: {@link DeliveryChecks} (consent, opt-in, opt-out, quiet hours) on the newest profile;
 * <li><b>render</b>: {@link Messages}, the minimum necessary (kept with the claim, so a retry says the same);
 * <li><b>claim</b>: {@link ClaimStep}, one row per (subject, level, recipient, channel); a repeat is recorded as
 * a DUPLICATE and never sent twice; a claim to send now is leased to this instance;
 * <li><b>hand over</b> ({@link HandOver}) to the channel's own threads, so a hung channel holds only its own;
 * <li><b>look again</b> right before the request leaves ({@link LastLook}: the newest profile; for an all-clear,
 * the alert's own message), then the channel's rest, and whether an unanswered earlier attempt got through (when the
 * channel cannot say, the message waits — at most {@link RetryPolicy#sendWithoutKnowing}'s bound);
 * <li><b>send</b> and <b>record</b> each answer the moment it comes back, with its event for the disclosure log;
 * <li><b>retry or fall back</b>: {@link RetryPolicy} decides; a retry waits in the log and comes back through
 * {@link #resume} (decided again first), a permanent failure of an alert tries the contact's other
 * channel ({@link Fallback}) from the first step.
 * </ol>
 * What the steps are built from (the retry policy, the channels' threads, the hand-over) is made in
 * {@link DeliveryConfiguration}.
 */
@Component
public class DeliveryPipeline {

	private static final Logger log = LoggerFactory.getLogger(DeliveryPipeline.class);

	private final DeliveryLog deliveries;

	private final ClaimStep claims;

	private final Messages messages;

	private final ProfileView profiles;

	private final LastLook lastLook;

	private final Map<ContactChannel, Channel> channels;

	private final ChannelFaults faults;

	private final RetryPolicy retries;

	private final DeliveryMetrics metrics;

	private final HandOver handOver;

	private final SendTraces traces;

	private final Duration lease;

	private final Clock clock;

	DeliveryPipeline(DeliveryLog deliveries, ClaimStep claims, Messages messages, ProfileView profiles,
			LastLook lastLook, List<Channel> channels, ChannelFaults faults, RetryPolicy retries, HandOver handOver,
			DeliveryMetrics metrics, SendTraces traces, NotifierProperties properties, Clock clock) {
		this.deliveries = deliveries;
		this.claims = claims;
		this.messages = messages;
		this.profiles = profiles;
		this.lastLook = lastLook;
		this.channels = channels.stream().collect(Collectors.toMap(Channel::kind, Function.identity()));
		this.faults = faults;
		this.retries = retries;
		this.handOver = handOver;
		this.metrics = metrics;
		this.traces = traces;
		this.lease = properties.delivery().lease();
		this.clock = clock;
	}

	/** Decides, renders and claims, and hands what may go now to its channel; returns once the claims are durable. */
	public void deliver(List<Intent> intents) {
		Instant now = clock.instant();
		List<Planned> planned = new ArrayList<>(intents.size());
		for (Intent intent : intents) {
			Decision decision = DeliveryChecks.decide(intent, now);
			planned.add(new Planned(intent.claim(), decision, messages.render(intent),
					intent.profile() == null ? 0 : intent.profile().version()));
		}
		handOver.all(claims.claim(planned, now, now.plus(lease)), this::attempt);
	}

	/**
	 * Sends what waited (retries, quiet hours, lost leases), taken from the queue by {@link RetryQueue}, each
	 * decided again on the newest profile first. Returns whether the channels took every one that may go.
	 */
	public boolean resume(List<PendingSend> due) {
		Instant now = clock.instant();
		Map<String, ClientProfile> newest = profiles.findAll(due.stream().map(send -> send.claim().clientId()).toList());
		List<PendingSend> ready = new ArrayList<>();
		for (PendingSend send : due) {
			ClientProfile profile = newest.get(send.claim().clientId());
			Decision decision = LastLook.decide(send, profile, now);
			if (decision instanceof Decision.Send) {
				ready.add(send.decided(decision.consentId(), profile.version()));
			}
			else {
				notNow(send, decision);
			}
		}
		return handOver.all(ready, this::attempt);
	}

	/** One attempt, on the channel's send thread, traced: look again, send, record the answer, retry or fall back. */
	private void attempt(PendingSend send) {
		traces.send(send, () -> attemptNow(send));
	}

	private void attemptNow(PendingSend send) {
		Claim claim = send.claim();
		Instant now = clock.instant();
		Instant resting = faults.restingAt(claim.channel(), now).orElse(null);
		if (resting != null) {
			// the channel rests after failing again and again: wait for it, without spending an attempt
			deliveries.retryAt(send.id(), send.attempts(), resting, claim.channel() + " is failing",
					send.unsureSince() != null);
			return;
		}
		LastLook.Verdict verdict = lastLook.at(send, now);
		if (verdict instanceof LastLook.Stop stop) {
			notNow(send, stop.decision());
			return;
		}
		if (verdict instanceof LastLook.NotYet notYet) {
			deliveries.retryAt(send.id(), send.attempts(), now.plus(retries.backoff()), notYet.why(),
					send.unsureSince() != null);
			return;
		}
		PendingSend checked = ((LastLook.Go) verdict).send();
		Channel channel = channels.get(claim.channel());
		if (checked.unsureSince() != null) {
			try {
				if (channel.alreadyTook(checked.id(), checked.message().address(), checked.message().body(),
						checked.unsureSince())) {
					finish(checked, DeliveryStatus.SENT, null, "taken by the channel in an earlier, unanswered attempt");
					return;
				}
			}
			catch (Channel.SendException cannotTell) {
				if (!RetryPolicy.sendWithoutKnowing(claim.alertType(), checked.unsureSince(), now)) {
					failed(checked, cannotTell);
					return;
				}
				// the channel cannot say whether an earlier attempt went: past the bound, a duplicate beats silence
				metrics.sentWithoutKnowing(checked);
				log.warn("Delivery {} on {} has been unsure since {} and its channel cannot say whether it went ({}): "
						+ "sent again", checked.id(), claim.channel(), checked.unsureSince(), cannotTell.getMessage());
			}
		}
		try {
			channel.send(checked.id(), checked.message().address(), checked.message().subject(),
					checked.message().body());
		}
		catch (Channel.SendException failure) {
			failed(checked, failure);
			return;
		}
		faults.succeeded(claim.channel());
		finish(checked, DeliveryStatus.SENT, null, null);
		metrics.sent(checked, clock.instant());
	}

	/** A delivery the checks stop (recorded as suppressed) or defer (back to the queue until then). */
	private void notNow(PendingSend send, Decision decision) {
		if (decision instanceof Decision.Suppress suppress) {
			finish(send, DeliveryStatus.SUPPRESSED, suppress.reason(), "at the moment of sending");
		}
		else if (decision instanceof Decision.Defer defer) {
			deliveries.retryAt(send.id(), send.attempts(), defer.until(), "quiet hours", send.unsureSince() != null);
		}
	}

	private void failed(PendingSend send, Channel.SendException failure) {
		RetryPolicy.AfterFailure next = faults.failed(send, failure, clock.instant());
		if (next instanceof RetryPolicy.RetryAt retry) {
			deliveries.retryAt(send.id(), retry.attempts(), retry.at(), failure.getMessage(), failure.maybeTaken());
			metrics.retried();
		}
		else if (next instanceof RetryPolicy.GiveUp giveUp) {
			// a STOP the number gave Twilio itself: said in the event, so that checkin-service records the opt-out
			finish(send, DeliveryStatus.FAILED, failure.optedOut() ? SuppressionReason.OPTED_OUT : null, giveUp.detail());
			fallBack(send);
		}
	}

	/** A delivery that failed for good (also an SMS that Twilio reports undelivered) tries the other channel. */
	public void fallBack(PendingSend failed) {
		Fallback.otherChannel(failed, profiles.find(failed.claim().clientId()).orElse(null))
			.ifPresent(intent -> deliver(List.of(intent)));
	}

	private void finish(PendingSend send, DeliveryStatus status, SuppressionReason reason, String detail) {
		deliveries.finish(send.id(), send.claim(), send.consentId(), status, reason, detail);
		if (status == DeliveryStatus.SUPPRESSED && reason != null) {
			metrics.suppressed(send.claim(), reason);
		}
		metrics.finished(send.claim(), status);
	}
}
