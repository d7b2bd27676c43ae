package app.lantern.notifier.delivery;

import app.lantern.notifier.NotifierProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what waited — deliveries deferred by quiet hours, retries after a recoverable failure — every
 * {@code lantern.retries.poll}, through the delivery pipeline: each is decided again from the newest profile
 * first, so a consent revoked or a STOP received in the meantime stops it.
 */
@Component
class RetryQueue {

	private final DeliveryPipeline pipeline;

	RetryQueue(DeliveryPipeline pipeline) {
		this.pipeline = pipeline;
	}

	@Scheduled(fixedDelayString = "#{" + NotifierProperties.BEAN + ".retries().poll().toMillis()}")
	void sendWhatIsDue() {
		pipeline.sendWhatIsDue();
	}
}
