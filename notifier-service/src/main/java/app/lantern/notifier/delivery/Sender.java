package app.lantern.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryKind;
import app.lantern.events.DeliveryStatus;
import app.lantern.events.EventJson;
import app.lantern.notifier.NotifierProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Claims, sends and records deliveries. Up to {@code lantern.delivery.concurrency} sends are in flight at
 * once (a channel answers in tens or hundreds of milliseconds; one at a time would cap a partition at a few
 * messages a second), and each outcome is recorded the moment its answer comes back, so a crash can only
 * repeat a send whose answer never came. A permanent failure is recorded as FAILED; a recoverable one waits
 * in the delivery log with an exponential back-off and is sent by the retry queue, so one slow or failing
 * recipient never holds up anyone else's alert.
 */
@Component
class Sender implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Sender.class);

	private final DeliveryLog deliveries;

	private final Map<ContactChannel, Channel> channels;

	private final NotifierProperties.Retries retries;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final ExecutorService inFlight;

	private final MeterRegistry meters;

	private final NotifierProperties.Delivery delivery;

	private final Map<ContactChannel, ChannelOutage> outages = new EnumMap<>(ContactChannel.class);

	Sender(DeliveryLog deliveries, List<Channel> channels, NotifierProperties properties, Clock clock,
			ApplicationEventPublisher events, MeterRegistry meters) {
		this.meters = meters;
		this.delivery = properties.delivery();
		for (ContactChannel channel : ContactChannel.values()) {
			outages.put(channel, new ChannelOutage(delivery.outageAfter(), delivery.outageRest(), clock));
		}
		for (String trigger : new String[] { "checkin", "deadline" }) {
			for (ContactChannel channel : ContactChannel.values()) {
				endToEnd(trigger, channel); // at zero from the start, for the dashboards
			}
		}
		this.deliveries = deliveries;
		this.channels = channels.stream().collect(Collectors.toMap(Channel::kind, Function.identity()));
		this.retries = properties.retries();
		this.clock = clock;
		this.events = events;
		this.inFlight = Executors.newFixedThreadPool(properties.delivery().concurrency(), named("send-"));
	}

	/** One delivery to decide on: what it is, what the checks said, and what it would say. */
	record Planned(DeliveryLog.Claim claim, Decision decision, DeliveryLog.Message message) {
	}

	/** Claims and sends one delivery in the caller's thread. */
	void deliver(DeliveryLog.Claim claim, Decision decision, DeliveryLog.Message message) {
		deliverAll(List.of(new Planned(claim, decision, message)));
	}

	/** Claims every planned delivery in one transaction, then sends the claimed ones side by side. */
	void deliverAll(List<Planned> planned) {
		List<UUID> claimed = deliveries.claimAll(planned);
		List<DeliveryLog.Waiting> sends = new ArrayList<>();
		for (int i = 0; i < planned.size(); i++) {
			if (claimed.get(i) != null) {
				Planned one = planned.get(i);
				sends.add(new DeliveryLog.Waiting(claimed.get(i), one.claim(), one.decision().consentId(), one.message(), 0));
			}
		}
		attemptAll(sends);
	}

	/** Sends each side by side (at most the configured number at once) and returns when all are recorded. */
	void attemptAll(List<DeliveryLog.Waiting> sends) {
		if (sends.size() == 1) {
			attempt(sends.get(0));
			return;
		}
		List<Future<?>> answers = new ArrayList<>(sends.size());
		for (DeliveryLog.Waiting send : sends) {
			answers.add(inFlight.submit(() -> attempt(send)));
		}
		RuntimeException first = null;
		for (Future<?> answer : answers) {
			try {
				answer.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while sends were in flight", ex);
			}
			catch (ExecutionException ex) {
				if (first == null) {
					first = ex.getCause() instanceof RuntimeException runtime ? runtime
							: new IllegalStateException(ex.getCause());
				}
			}
		}
		if (first != null) {
			throw first;
		}
	}

	/** One attempt to send; {@code send.attempts()} is how many failed before. */
	DeliveryStatus attempt(DeliveryLog.Waiting send) {
		DeliveryLog.Claim claim = send.claim();
		DeliveryLog.Message message = send.message();
		ChannelOutage outage = outages.get(claim.channel());
		if (!outage.allows()) {
			// the channel is resting after failing again and again: wait for it, without spending an attempt
			deliveries.retryAt(send.id(), send.attempts(), outage.restingUntil(), claim.channel() + " is failing");
			return DeliveryStatus.QUEUED;
		}
		try {
			channels.get(claim.channel()).send(send.id(), message.address(), message.subject(), message.body());
			outage.succeeded();
			deliveries.finish(send.id(), claim, send.consentId(), DeliveryStatus.SENT, null, null);
			endToEnd(claim, message);
			return DeliveryStatus.SENT;
		}
		catch (Channel.SendException ex) {
			if (ex.channelAtFault() && outage.failed()) {
				log.warn("{} failed {} times in a row: its sends wait until {}", claim.channel(),
						delivery.outageAfter(), outage.restingUntil());
			}
			int failed = send.attempts() + 1;
			boolean giveUp = ex.permanent() || failed >= retries.maxAttempts();
			log.warn("Delivery {} on {} failed ({}, attempt {}): {}", send.id(), claim.channel(),
					ex.permanent() ? "permanent" : "recoverable", failed, ex.getMessage());
			if (giveUp) {
				deliveries.finish(send.id(), claim, send.consentId(), DeliveryStatus.FAILED, null,
						ex.permanent() ? ex.getMessage() : "gave up after " + failed + " attempts: " + ex.getMessage());
				events.publishEvent(new Fallback.Failed(claim, message.event()));
				return DeliveryStatus.FAILED;
			}
			deliveries.retryAt(send.id(), failed, clock.instant().plus(backoff(failed)), ex.getMessage());
			return DeliveryStatus.QUEUED;
		}
	}

	/**
	 * From what caused a newly raised alert to its message leaving: the check-in's arrival (a rule on a check-in)
	 * or the deadline that passed (a missed check-in). Escalations wait on purpose and are not counted.
	 */
	private void endToEnd(DeliveryLog.Claim claim, DeliveryLog.Message message) {
		if (claim.kind() != DeliveryKind.ALERT || message.event() == null) {
			return;
		}
		AlertEvent alert = EventJson.read(message.event(), AlertEvent.class);
		if (alert.state() != AlertState.RAISED) {
			return;
		}
		endToEnd(alert.checkInId() != null ? "checkin" : "deadline", claim.channel())
			.record(Duration.between(alert.raisedAt(), clock.instant()));
	}

	private Timer endToEnd(String trigger, ContactChannel channel) {
		return Timer.builder("lantern.alerts.end.to.end")
			.description("from the check-in received (or the deadline passed) to the alert's message sent")
			.tag("trigger", trigger)
			.tag("channel", channel.name())
			.publishPercentileHistogram()
			.register(meters);
	}

	private Duration backoff(int failed) {
		Duration delay = retries.backoff().multipliedBy(1L << Math.min(failed - 1, 20));
		return delay.compareTo(retries.maxBackoff()) > 0 ? retries.maxBackoff() : delay;
	}

	/** After the listeners stopped: sends in flight finish and are recorded before the database goes. */
	@Override
	public void destroy() throws InterruptedException {
		inFlight.shutdown();
		if (!inFlight.awaitTermination(30, TimeUnit.SECONDS)) {
			log.warn("Sends still in flight after 30 s at shutdown; they are sent again after the restart");
			inFlight.shutdownNow();
		}
	}

	private static ThreadFactory named(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return runnable -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}
}
