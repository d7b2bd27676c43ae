package app.lantern.notifier.delivery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Claims, sends and records one delivery. A permanent failure is recorded as FAILED; a recoverable one is
 * thrown, so the listener's error handler retries the record with back-off (the claim makes the retry
 * skip what was already sent).
 */
@Component
class Sender {

	private static final Logger log = LoggerFactory.getLogger(Sender.class);

	private final DeliveryLog deliveries;

	private final Map<ContactChannel, Channel> channels;

	Sender(DeliveryLog deliveries, List<Channel> channels) {
		this.deliveries = deliveries;
		this.channels = channels.stream().collect(Collectors.toMap(Channel::kind, Function.identity()));
	}

	/** Returns the delivery's final status, or empty when nothing was sent now. */
	Optional<DeliveryStatus> deliver(DeliveryLog.Claim claim, Decision decision, String address,
			Messages.Rendered message) {
		Optional<UUID> claimed = deliveries.claim(claim, decision);
		if (claimed.isEmpty()) {
			return Optional.empty();
		}
		UUID deliveryId = claimed.get();
		String consentId = decision instanceof Decision.Send send ? send.consentId() : null;
		try {
			channels.get(claim.channel()).send(deliveryId, address, message.subject(), message.body());
			deliveries.finish(deliveryId, claim, consentId, DeliveryStatus.SENT, null);
			return Optional.of(DeliveryStatus.SENT);
		}
		catch (Channel.SendException ex) {
			log.warn("Delivery {} on {} failed ({}): {}", deliveryId, claim.channel(),
					ex.permanent() ? "permanent" : "recoverable", ex.getMessage());
			if (!ex.permanent()) {
				throw new IllegalStateException("recoverable send failure; the record will be retried", ex);
			}
			deliveries.finish(deliveryId, claim, consentId, DeliveryStatus.FAILED, ex.getMessage());
			return Optional.of(DeliveryStatus.FAILED);
		}
	}
}
