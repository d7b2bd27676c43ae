package app.lantern.notifier.delivery.steps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import app.lantern.events.ContactChannel;
import app.lantern.notifier.delivery.PendingSend;
import app.lantern.notifier.delivery.store.DeliveryLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands claimed sends to their channel's threads ({@link ChannelSenders}) under a lease: a send that waited on
 * its thread past half its lease renews it, one that waited past all of it is left to the retry queue (which owns
 * it again), and one that fails to record its answer (the database away) is taken up again when the lease ends.
 * At shutdown, what never started goes back to the queue at once.
 */
public final class HandOver implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(HandOver.class);

	private final ChannelSenders senders;

	private final DeliveryLog deliveries;

	private final Duration lease;

	private final Duration putBackFor;

	private final Clock clock;

	public HandOver(ChannelSenders senders, DeliveryLog deliveries, Duration lease, Duration putBackFor, Clock clock) {
		this.senders = senders;
		this.deliveries = deliveries;
		this.lease = lease;
		this.putBackFor = putBackFor;
		this.clock = clock;
	}

	/**
	 * Hands each send to its channel, to be {@code attempt}ed on the channel's thread, waiting a moment for room when
	 * a channel's queue is full; a channel that stays full (slow or hung) is not waited for again in this batch, and
	 * its sends wait in the log. Returns whether every send was taken.
	 */
	public boolean all(List<PendingSend> sends, Consumer<PendingSend> attempt) {
		List<PendingSend> busy = new ArrayList<>();
		Set<ContactChannel> full = EnumSet.noneOf(ContactChannel.class);
		Instant handedAt = clock.instant();
		for (PendingSend send : sends) {
			ContactChannel channel = send.claim().channel();
			if (full.contains(channel) || !senders.offer(send, () -> onSendThread(send, handedAt, attempt), true)) {
				full.add(channel);
				busy.add(send);
			}
		}
		if (!busy.isEmpty()) {
			deliveries.putBack(busy, clock.instant().plus(putBackFor), "waiting for a free send thread");
		}
		return busy.isEmpty();
	}

	private void onSendThread(PendingSend send, Instant handedAt, Consumer<PendingSend> attempt) {
		try {
			Instant now = clock.instant();
			if (now.isAfter(handedAt.plus(lease))) {
				return; // waited past its lease: the retry queue owns it again
			}
			if (now.isAfter(handedAt.plus(lease.dividedBy(2)))) {
				deliveries.renewLease(send.id(), now.plus(lease));
			}
			attempt.accept(send);
		}
		catch (RuntimeException ex) {
			// the database away while deciding or recording: the lease brings the delivery back, and the
			// channel is asked first whether it took it
			log.warn("Delivery {} on {} could not be completed now ({}); it is taken up again when its lease ends",
					send.id(), send.claim().channel(), ex.getClass().getSimpleName());
		}
	}

	@Override
	public void close() throws InterruptedException {
		List<PendingSend> unstarted = senders.closeAndReturnUnstarted();
		if (!unstarted.isEmpty()) {
			deliveries.putBack(unstarted, clock.instant(), "returned at shutdown");
		}
	}
}
