package app.lantern.notifier.delivery.steps;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import app.lantern.events.ContactChannel;
import app.lantern.notifier.delivery.Channel;
import app.lantern.notifier.delivery.DeliveryMetrics;
import app.lantern.notifier.delivery.PendingSend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each channel's run of failures and its rest ({@link ChannelOutage}), and what a failed send means for it:
 * {@link RetryPolicy} decides; refused credentials are counted for the operator and logged at ERROR.
 */
public final class ChannelFaults {

	private static final Logger log = LoggerFactory.getLogger(ChannelFaults.class);

	private final Map<ContactChannel, ChannelOutage> outages = new EnumMap<>(ContactChannel.class);

	private final RetryPolicy retries;

	private final DeliveryMetrics metrics;

	public ChannelFaults(RetryPolicy retries, DeliveryMetrics metrics) {
		this.retries = retries;
		this.metrics = metrics;
		for (ContactChannel channel : ContactChannel.values()) {
			outages.put(channel, new ChannelOutage());
		}
	}

	/** Until when the channel rests, if it does at {@code now}. */
	public Optional<Instant> restingAt(ContactChannel channel, Instant now) {
		return outages.get(channel).restingAt(now);
	}

	public void succeeded(ContactChannel channel) {
		outages.get(channel).succeeded();
	}

	/** Counts the failure against the channel when it is at fault, rests it if it must, and says what follows. */
	public RetryPolicy.AfterFailure failed(PendingSend send, Channel.SendException failure, Instant now) {
		ContactChannel channel = send.claim().channel();
		ChannelOutage outage = outages.get(channel);
		int inARow = failure.channelAtFault() ? outage.failed() : outage.failuresInARow();
		RetryPolicy.AfterFailure next = retries.afterFailure(failure, send.attempts(), inARow, now);
		log.warn("Delivery {} on {} failed ({}, attempt {}): {}", send.id(), channel,
				failure.permanent() ? "permanent" : "recoverable", next.attempts(), failure.getMessage());
		if (failure.credentialsRefused()) {
			metrics.credentialsRefused(channel);
			log.error("{} refuses Lantern's credentials: every send on it waits until {}. Check the channel's "
					+ "settings (LANTERN_TWILIO_ACCOUNT_SID / LANTERN_TWILIO_AUTH_TOKEN, spring.mail.*) and restart",
					channel, next.channelRestsUntil());
		}
		if (next.channelRestsUntil() != null) {
			outage.restUntil(next.channelRestsUntil());
			log.warn("{} failed {} times in a row: its sends wait until {}", channel, inARow, next.channelRestsUntil());
		}
		return next;
	}
}
