package app.lantern.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryStatus;
import app.lantern.notifier.NotifierProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Claims, sends and records one delivery. A permanent failure is recorded as FAILED; a recoverable one waits
 * in the delivery log with an exponential back-off and is sent by the retry queue, so one slow or failing
 * recipient never holds up anyone else's alert.
 */
@Component
class Sender {

	private static final Logger log = LoggerFactory.getLogger(Sender.class);

	private final DeliveryLog deliveries;

	private final Map<ContactChannel, Channel> channels;

	private final NotifierProperties.Retries retries;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	Sender(DeliveryLog deliveries, List<Channel> channels, NotifierProperties properties, Clock clock,
			ApplicationEventPublisher events) {
		this.deliveries = deliveries;
		this.channels = channels.stream().collect(Collectors.toMap(Channel::kind, Function.identity()));
		this.retries = properties.retries();
		this.clock = clock;
		this.events = events;
	}

	/** Returns the delivery's status after this attempt, or empty when nothing was sent now. */
	Optional<DeliveryStatus> deliver(DeliveryLog.Claim claim, Decision decision, DeliveryLog.Message message) {
		Optional<UUID> claimed = deliveries.claim(claim, decision, message);
		return claimed.map(id -> attempt(id, claim, decision.consentId(), message, 0));
	}

	/** One attempt to send; {@code attempts} is how many failed before. */
	DeliveryStatus attempt(UUID deliveryId, DeliveryLog.Claim claim, String consentId, DeliveryLog.Message message,
			int attempts) {
		try {
			channels.get(claim.channel()).send(deliveryId, message.address(), message.subject(), message.body());
			deliveries.finish(deliveryId, claim, consentId, DeliveryStatus.SENT, null, null);
			return DeliveryStatus.SENT;
		}
		catch (Channel.SendException ex) {
			int failed = attempts + 1;
			boolean giveUp = ex.permanent() || failed >= retries.maxAttempts();
			log.warn("Delivery {} on {} failed ({}, attempt {}): {}", deliveryId, claim.channel(),
					ex.permanent() ? "permanent" : "recoverable", failed, ex.getMessage());
			if (giveUp) {
				deliveries.finish(deliveryId, claim, consentId, DeliveryStatus.FAILED, null,
						ex.permanent() ? ex.getMessage() : "gave up after " + failed + " attempts: " + ex.getMessage());
				events.publishEvent(new Fallback.Failed(claim, message.event()));
				return DeliveryStatus.FAILED;
			}
			deliveries.retryAt(deliveryId, failed, clock.instant().plus(backoff(failed)), ex.getMessage());
			return DeliveryStatus.QUEUED;
		}
	}

	private Duration backoff(int failed) {
		Duration delay = retries.backoff().multipliedBy(1L << Math.min(failed - 1, 20));
		return delay.compareTo(retries.maxBackoff()) > 0 ? retries.maxBackoff() : delay;
	}
}
