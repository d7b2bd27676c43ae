package app.lantern.notifier.delivery.listeners;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import app.lantern.notifier.NotifierProperties;
import app.lantern.notifier.delivery.DeliveryPipeline;
import app.lantern.notifier.delivery.PendingSend;
import app.lantern.notifier.delivery.store.DeliveryLog;
import app.lantern.platform.FailureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what waited — deliveries deferred by quiet hours, retries after a recoverable failure — every
 * {@code lantern.retries.poll}, through the delivery pipeline: each is decided again from the newest profile
 * first, so a consent revoked or a STOP received in the meantime stops it.
 */
@Component
class RetryQueue {

	private static final Logger log = LoggerFactory.getLogger(RetryQueue.class);

	private static final int BATCH = 500;

	private final DeliveryPipeline pipeline;

	private final DeliveryLog deliveries;

	private final Duration lease;

	private final Clock clock;

	RetryQueue(DeliveryPipeline pipeline, DeliveryLog deliveries, NotifierProperties properties,
			Clock clock) {
		this.pipeline = pipeline;
		this.deliveries = deliveries;
		this.lease = properties.delivery().lease();
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "#{" + NotifierProperties.BEAN + ".retries().poll().toMillis()}")
	void sendWhatIsDue() {
		try {
			// a batch at a time, for as long as full batches come and the channels take them all
			List<PendingSend> due;
			do {
				due = deliveries.takeWaiting(BATCH, clock.instant().plus(lease));
			}
			while (pipeline.resume(due) && due.size() == BATCH);
		}
		catch (RuntimeException ex) {
			if (FailureKind.of(ex) != FailureKind.PASSING) {
				throw ex;
			}
			// the database away: what waits keeps waiting, and is taken up at the next poll after it is back
			log.debug("Retry queue not read now: {}", ex.toString());
		}
	}
}
