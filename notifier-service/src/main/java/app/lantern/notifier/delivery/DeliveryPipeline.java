package app.lantern.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryKind;
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
 * a repeat is recorded as a DUPLICATE and never sent twice. A claim to send now is leased: if no answer is
 * recorded before the lease ends (the instance died), the retry queue takes it back;
 * <li><b>hand over</b>: to the channel's own bounded pool of send threads ({@link ChannelSenders}), so a hung
 * channel holds only its own sends; the caller does not wait;
 * <li><b>look again</b>, on the send thread, right before the request leaves: the newest profile's consent,
 * opt-in and opt-out (a revocation that reached the notifier after the first decision stops the send); the
 * channel's rest; for an all-clear, that the alert itself reached them; for a delivery whose earlier attempt
 * went unanswered, whether the channel took it then;
 * <li><b>send</b> and <b>record</b> each answer the moment it comes back, with its event for the disclosure log;
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

	private final ChannelSenders senders;

	private final Duration lease;

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
		NotifierProperties.Delivery delivery = properties.delivery();
		this.retries = new RetryPolicy(properties.retries().backoff(), properties.retries().maxBackoff(),
				properties.retries().maxAttempts(), delivery.outageAfter(), delivery.outageRest());
		this.metrics = metrics;
		this.senders = new ChannelSenders(Map.of(ContactChannel.SMS, delivery.concurrency(), ContactChannel.EMAIL,
				delivery.mailConcurrency()), delivery.queued(), Duration.ofSeconds(2));
		this.lease = delivery.lease();
		this.clock = clock;
		metrics.watchSenders(senders);
	}

	/** Decides, renders and claims, and hands what may go now to its channel; returns once the claims are durable. */
	void deliver(List<Intent> intents) {
		Instant now = clock.instant();
		List<Planned> planned = new ArrayList<>(intents.size());
		for (Intent intent : intents) {
			Decision decision = DeliveryChecks.decide(intent, now);
			planned.add(new Planned(intent.claim(), decision, messages.render(intent),
					intent.profile() == null ? 0 : intent.profile().version()));
		}
		handOver(claims.claim(planned, now, now.plus(lease)));
	}

	/**
	 * Sends what waited (retries, quiet hours, lost leases), each decided again on the newest profile first, a
	 * batch at a time for as long as full batches come and the channels take them.
	 */
	void sendWhatIsDue() {
		int taken;
		do {
			taken = sendWaitingBatch(500);
		}
		while (taken == 500);
	}

	private int sendWaitingBatch(int limit) {
		Instant now = clock.instant();
		List<PendingSend> due = deliveries.takeWaiting(limit, now.plus(lease));
		Map<String, ClientProfile> newest = profiles.findAll(due.stream().map(send -> send.claim().clientId()).toList());
		List<PendingSend> ready = new ArrayList<>();
		for (PendingSend send : due) {
			ClientProfile profile = newest.get(send.claim().clientId());
			Decision decision = decide(send, profile, now);
			if (decision instanceof Decision.Send) {
				ready.add(send.decided(decision.consentId(), profile.version()));
			}
			else {
				notNow(send, decision);
			}
		}
		boolean allTaken = handOver(ready);
		return allTaken ? due.size() : 0;
	}

	/**
	 * Hands each send to its channel, waiting a moment for room when a channel's queue is full; a channel that
	 * stays full (slow or hung) is not waited for again in this batch, and its sends wait in the log. Returns
	 * whether every send was taken.
	 */
	private boolean handOver(List<PendingSend> sends) {
		List<PendingSend> busy = new ArrayList<>();
		java.util.Set<ContactChannel> full = EnumSet.noneOf(ContactChannel.class);
		Instant handedAt = clock.instant();
		for (PendingSend send : sends) {
			ContactChannel channel = send.claim().channel();
			if (full.contains(channel) || !senders.offer(send, () -> onSendThread(send, handedAt), true)) {
				full.add(channel);
				busy.add(send);
			}
		}
		if (!busy.isEmpty()) {
			deliveries.putBack(busy, clock.instant().plus(retries.backoff()), "waiting for a free send thread");
		}
		return busy.isEmpty();
	}

	private void onSendThread(PendingSend send, Instant handedAt) {
		try {
			Instant now = clock.instant();
			if (now.isAfter(handedAt.plus(lease))) {
				return; // waited past its lease: the retry queue owns it again
			}
			if (now.isAfter(handedAt.plus(lease.dividedBy(2)))) {
				deliveries.renewLease(send.id(), now.plus(lease));
			}
			attempt(send);
		}
		catch (RuntimeException ex) {
			// the database away while deciding or recording: the lease brings the delivery back, and the
			// channel is asked first whether it took it
			log.warn("Delivery {} on {} could not be completed now ({}); it is taken up again when its lease ends",
					send.id(), send.claim().channel(), ex.getClass().getSimpleName());
		}
	}

	/** One attempt, on the channel's send thread: look again, send, record the answer, retry or fall back. */
	private void attempt(PendingSend send) {
		Claim claim = send.claim();
		Instant now = clock.instant();
		ChannelOutage outage = outages.get(claim.channel());
		Instant resting = outage.restingAt(now).orElse(null);
		if (resting != null) {
			// the channel rests after failing again and again: wait for it, without spending an attempt
			deliveries.retryAt(send.id(), send.attempts(), resting, claim.channel() + " is failing",
					send.unsureSince() != null);
			return;
		}
		PendingSend checked = lookAgain(send, now);
		if (checked == null) {
			return;
		}
		Channel channel = channels.get(claim.channel());
		try {
			if (checked.unsureSince() != null && channel.alreadyTook(checked.id(), checked.message().address(),
					checked.message().body(), checked.unsureSince())) {
				finish(checked, DeliveryStatus.SENT, null, "taken by the channel in an earlier, unanswered attempt");
				return;
			}
			channel.send(checked.id(), checked.message().address(), checked.message().subject(),
					checked.message().body());
		}
		catch (Channel.SendException failure) {
			failed(checked, failure, outage);
			return;
		}
		outage.succeeded();
		finish(checked, DeliveryStatus.SENT, null, null);
		metrics.sent(checked, clock.instant());
	}

	/**
	 * The last look before the request leaves: decided again if the profile changed since (consent revoked, a
	 * STOP, the client erased); an all-clear waits for the alert's own message and is dropped if it never went.
	 * Returns the send as it may go now, or null when it must not (what happened to it is recorded).
	 */
	private PendingSend lookAgain(PendingSend send, Instant now) {
		PendingSend checked = send;
		long newest = profiles.versionOf(send.claim().clientId()).orElse(-1L);
		if (newest != send.decidedOn()) {
			ClientProfile profile = newest < 0 ? null : profiles.find(send.claim().clientId()).orElse(null);
			Decision decision = decide(send, profile, now);
			if (!(decision instanceof Decision.Send)) {
				notNow(send, decision);
				return null;
			}
			checked = send.decided(decision.consentId(), profile.version());
		}
		if (send.claim().kind() == DeliveryKind.ALL_CLEAR) {
			Claim claim = send.claim();
			switch (deliveries.told(claim.subjectId(), claim.recipient(), claim.channel())) {
				case YES -> {
				}
				case NOT_YET -> {
					deliveries.retryAt(send.id(), send.attempts(), now.plus(retries.backoff()),
							"after the alert's own message", send.unsureSince() != null);
					return null;
				}
				case NEVER -> {
					finish(send, DeliveryStatus.SUPPRESSED, SuppressionReason.NEVER_TOLD, null);
					return null;
				}
			}
		}
		return checked;
	}

	private static Decision decide(PendingSend send, ClientProfile profile, Instant now) {
		return profile == null ? new Decision.Suppress(SuppressionReason.CLIENT_INACTIVE, send.consentId())
				: DeliveryChecks.decide(Intent.resumed(send, profile), now);
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

	private void failed(PendingSend send, Channel.SendException failure, ChannelOutage outage) {
		int inARow = failure.channelAtFault() ? outage.failed() : outage.failuresInARow();
		RetryPolicy.AfterFailure next = retries.afterFailure(failure, send.attempts(), inARow, clock.instant());
		log.warn("Delivery {} on {} failed ({}, attempt {}): {}", send.id(), send.claim().channel(),
				failure.permanent() ? "permanent" : "recoverable", next.attempts(), failure.getMessage());
		if (failure.credentialsRefused()) {
			metrics.credentialsRefused(send.claim().channel());
			log.error("{} refuses Lantern's credentials: every send on it waits until {}. Check the channel's "
					+ "settings (LANTERN_TWILIO_ACCOUNT_SID / LANTERN_TWILIO_AUTH_TOKEN, spring.mail.*) and restart",
					send.claim().channel(), next.channelRestsUntil());
		}
		if (next.channelRestsUntil() != null) {
			outage.restUntil(next.channelRestsUntil());
			log.warn("{} failed {} times in a row: its sends wait until {}", send.claim().channel(), inARow,
					next.channelRestsUntil());
		}
		if (next instanceof RetryPolicy.RetryAt retry) {
			deliveries.retryAt(send.id(), retry.attempts(), retry.at(), failure.getMessage(), failure.maybeTaken());
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

	/**
	 * After the listeners stopped: sends in flight finish and are recorded before the database goes; what never
	 * started goes back to the queue at once, for another instance.
	 */
	@Override
	public void destroy() throws InterruptedException {
		List<PendingSend> unstarted = senders.closeAndReturnUnstarted();
		if (!unstarted.isEmpty()) {
			deliveries.putBack(unstarted, clock.instant(), "returned at shutdown");
		}
	}
}
