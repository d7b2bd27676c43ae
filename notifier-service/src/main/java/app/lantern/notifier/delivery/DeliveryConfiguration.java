package app.lantern.notifier.delivery;

import app.lantern.notifier.delivery.steps.ChannelFaults;
import app.lantern.notifier.delivery.steps.ChannelSenders;
import app.lantern.notifier.delivery.steps.HandOver;
import app.lantern.notifier.delivery.steps.RetryPolicy;
import app.lantern.notifier.delivery.store.DeliveryLog;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import app.lantern.events.ContactChannel;
import app.lantern.notifier.NotifierProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the delivery pipeline is built from, made from the settings: the retry policy, each channel's run of
 * faults, the channels' own send threads and the hand-over to them under a lease. {@link DeliveryPipeline} keeps
 * only the order of the steps.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

	/** Phone calls (an unacknowledged crisis, to the staff member on call) are few: threads of their own. */
	private static final int VOICE_THREADS = 2;

	/** How long a hand-over waits for room on a channel's full queue before the sends wait in the log instead. */
	private static final Duration WAIT_FOR_ROOM = Duration.ofSeconds(2);

	@Bean
	RetryPolicy retryPolicy(NotifierProperties properties) {
		NotifierProperties.Retries retries = properties.retries();
		NotifierProperties.Delivery delivery = properties.delivery();
		return new RetryPolicy(retries.backoff(), retries.maxBackoff(), retries.maxAttempts(), delivery.outageAfter(),
				delivery.outageRest());
	}

	@Bean
	ChannelFaults channelFaults(RetryPolicy retries, DeliveryMetrics metrics) {
		return new ChannelFaults(retries, metrics);
	}

	/**
	 * SMS, e-mail and calls each on threads of their own: a hung mail server holds only its own. Closed by the
	 * hand-over.
	 */
	@Bean(destroyMethod = "")
	ChannelSenders channelSenders(NotifierProperties properties, DeliveryMetrics metrics) {
		NotifierProperties.Delivery delivery = properties.delivery();
		ChannelSenders senders = new ChannelSenders(Map.of(ContactChannel.SMS, delivery.concurrency(),
				ContactChannel.EMAIL, delivery.mailConcurrency(), ContactChannel.VOICE, VOICE_THREADS), delivery.queued(),
				WAIT_FOR_ROOM);
		metrics.watchSenders(senders);
		return senders;
	}

	/**
	 * Closed after the listeners stopped (it depends on the log, so it goes before the database): sends in flight
	 * finish and are recorded; what never started goes back to the queue at once, for another instance.
	 */
	@Bean(destroyMethod = "close")
	HandOver handOver(ChannelSenders senders, DeliveryLog deliveries, NotifierProperties properties, RetryPolicy retries,
			Clock clock) {
		return new HandOver(senders, deliveries, properties.delivery().lease(), retries.backoff(), clock);
	}
}
