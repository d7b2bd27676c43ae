package app.lantern.notifier.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryStatus;
import app.lantern.events.SuppressionReason;
import app.lantern.notifier.NotifierProperties;
import app.lantern.notifier.profiles.ProfileView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The order of delivery, in one place. Every delivery — alert, all-clear, reminder, invitation, fallback,
 * retry — goes through the same steps:
 * <ol>
 * <li><b>decide</b>: {@link DeliveryChecks} (consent, opt-in, opt-out, quiet hours) on the newest profile;
 * <li><b>render</b>: {@link Messages}, the minimum necessary (kept with the claim, so a retry says the same);
 * <li><b>claim</b>: {@link ClaimStep}, one row per (subject, level, recipient, channel) in {@link DeliveryLog};
 * a repeat is recorded as a DUPLICATE and never sent twice;
 * <li><b>send</b>: on the channel, side by side, unless the channel rests after failing again and again;
 * <li><b>record</b>: each answer the moment it comes back, with its event for the disclosure log;
 * <li><b>retry or fall back</b>: {@link RetryPolicy} decides; a retry waits in the log and comes back through
 * {@link #sendWhatIsDue()} (decided again first), a permanent failure of an alert tries the contact's other
 * channel ({@link Fallback}) from the first step.
 * </ol>
 */
@Component
class DeliveryPipeline implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DeliveryPipeline.class);

	private final DeliveryLog deliveries;

	private final ClaimStep claims;

	private final Messages messages;

	private final ProfileView profiles;

	private final Map<ContactChannel, Channel> channels;

	private final Map<ContactChannel, ChannelOutage> outages = new EnumMap<>(ContactChannel.class);

	private final RetryPolicy retries;

	private final DeliveryMetrics metrics;

	private final SideBySide sends;

	private final Clock clock;

	DeliveryPipeline(DeliveryLog deliveries, ClaimStep claims, Messages messages, ProfileView profiles,
			List<Channel> channels, NotifierProperties properties, DeliveryMetrics metrics, Clock clock) {
		this.deliveries = deliveries;
		this.claims = claims;
		this.messages = messages;
		this.profiles = profiles;
		this.channels = channels.stream().collect(Collectors.toMap(Channel::kind, Function.identity()));
		for (ContactChannel channel : ContactChannel.values()) {
			outages.put(channel, new ChannelOutage());
		}
		this.retries = new RetryPolicy(properties.retries().backoff(), properties.retries().maxBackoff(),
				properties.retries().maxAttempts(), properties.delivery().outageAfter(),
				properties.delivery().outageRest());
		this.metrics = metrics;
		this.sends = new SideBySide(properties.delivery().concurrency(), "send-");
		this.clock = clock;
	}

	/** Decides, renders, claims and sends; returns when every send of these is recorded. */
	void deliver(List<Intent> intents) {
		Instant now = clock.instant();
		List<Planned> planned = new ArrayList<>(intents.size());
		for (Intent intent : intents) {
			Decision decision = DeliveryChecks.decide(intent, now);
			planned.add(new Planned(intent.claim(), decision, messages.render(intent)));
		}
		sends.runAll(claims.claim(planned, now), this::send);
	}

	/** Sends what waited (retries, quiet hours), each decided again on the newest profile first. */
	void sendWhatIsDue() {
		Instant now = clock.instant();
		List<PendingSend> due = deliveries.takeWaiting(100);
		Map<String, ClientProfile> newest = profiles.findAll(due.stream().map(send -> send.claim().clientId()).toList());
		List<PendingSend> ready = new ArrayList<>();
		for (PendingSend send : due) {
			ClientProfile profile = newest.get(send.claim().clientId());
			Decision decision = profile == null
					? new Decision.Suppress(SuppressionReason.CLIENT_INACTIVE, send.consentId())
					: DeliveryChecks.decide(Intent.resumed(send, profile), now);
			if (decision instanceof Decision.Suppress suppress) {
				finish(send, DeliveryStatus.SUPPRESSED, suppress.reason(), "at the moment of sending");
			}
			else if (decision instanceof Decision.Defer defer) {
				deliveries.retryAt(send.id(), send.attempts(), defer.until(), "quiet hours");
			}
			else {
				ready.add(send.underConsent(decision.consentId()));
			}
		}
		deliveries.sendingNow(ready.stream().map(PendingSend::id).toList());
		sends.runAll(ready, this::send);
	}

	/** One attempt: send, record the answer, and on failure retry later or give up and fall back. */
	private void send(PendingSend send) {
		Claim claim = send.claim();
		ChannelOutage outage = outages.get(claim.channel());
		Instant resting = outage.restingAt(clock.instant()).orElse(null);
		if (resting != null) {
			// the channel rests after failing again and again: wait for it, without spending an attempt
			deliveries.retryAt(send.id(), send.attempts(), resting, claim.channel() + " is failing");
			return;
		}
		try {
			channels.get(claim.channel()).send(send.id(), send.message().address(), send.message().subject(),
					send.message().body());
		}
		catch (Channel.SendException failure) {
			failed(send, failure, outage);
			return;
		}
		outage.succeeded();
		finish(send, DeliveryStatus.SENT, null, null);
		metrics.sent(send, clock.instant());
	}

	private void failed(PendingSend send, Channel.SendException failure, ChannelOutage outage) {
		int inARow = failure.channelAtFault() ? outage.failed() : outage.failuresInARow();
		RetryPolicy.AfterFailure next = retries.afterFailure(failure, send.attempts(), inARow, clock.instant());
		log.warn("Delivery {} on {} failed ({}, attempt {}): {}", send.id(), send.claim().channel(),
				failure.permanent() ? "permanent" : "recoverable", next.attempts(), failure.getMessage());
		if (next.channelRestsUntil() != null) {
			outage.restUntil(next.channelRestsUntil());
			log.warn("{} failed {} times in a row: its sends wait until {}", send.claim().channel(), inARow,
					next.channelRestsUntil());
		}
		if (next instanceof RetryPolicy.RetryAt retry) {
			deliveries.retryAt(send.id(), retry.attempts(), retry.at(), failure.getMessage());
			metrics.retried();
		}
		else if (next instanceof RetryPolicy.GiveUp giveUp) {
			finish(send, DeliveryStatus.FAILED, null, giveUp.detail());
			fallBack(send);
		}
	}

	/** A delivery that failed for good (also an SMS that Twilio reports undelivered) tries the other channel. */
	void fallBack(PendingSend failed) {
		Fallback.otherChannel(failed, profiles.find(failed.claim().clientId()).orElse(null))
			.ifPresent(intent -> deliver(List.of(intent)));
	}

	private void finish(PendingSend send, DeliveryStatus status, SuppressionReason reason, String detail) {
		deliveries.finish(send.id(), send.claim(), send.consentId(), status, reason, detail);
		if (reason != null) {
			metrics.suppressed(send.claim(), reason);
		}
		metrics.finished(send.claim(), status);
	}

	/** After the listeners stopped: sends in flight finish and are recorded before the database goes. */
	@Override
	public void destroy() throws InterruptedException {
		sends.close();
	}
}
