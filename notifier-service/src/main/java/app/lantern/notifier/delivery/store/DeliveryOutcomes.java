package app.lantern.notifier.delivery.store;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import app.lantern.events.DeliveryEvent;
import app.lantern.events.DeliveryStatus;
import app.lantern.events.SuppressionReason;
import app.lantern.events.Topics;
import app.lantern.notifier.delivery.Claim;
import app.lantern.platform.groupcommit.GroupCommit;
import app.lantern.platform.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The deliveries' outcomes, each with its event for the disclosure log, written by group commit: the send threads
 * hand theirs to two writers, each writing all that came back while the last was being written in one statement and
 * one commit (up to 256), and a send thread goes on once its own is committed. However many send threads there are,
 * outcomes take two connections. A client's private check-in link is a secret: once the message is out of Lantern's
 * hands (or never will be), the stored body and cause keep its text without the link's token.
 */
@Component
class DeliveryOutcomes implements AutoCloseable {

	/** One delivery's outcome, waiting to be written with the others. */
	private record Outcome(UUID deliveryId, DeliveryStatus status, SuppressionReason reason, String detail, Instant at,
			DeliveryEvent event, String traceParent) {
	}

	private final Outbox outbox;

	private final Clock clock;

	private final GroupCommit<Outcome> outcomes;

	DeliveryOutcomes(Outbox outbox, Clock clock, MeterRegistry meters) {
		this.outbox = outbox;
		this.clock = clock;
		this.outcomes = new GroupCommit<>("delivery-outcomes", 2, 256, this::writeAll, meters);
	}

	/** Records the outcome and its event; returns once they are committed, throws what the write threw. */
	void finish(UUID deliveryId, Claim claim, String consentId, DeliveryStatus status, SuppressionReason reason,
			String detail) {
		Instant now = clock.instant();
		outcomes.write(new Outcome(deliveryId, status, reason, detail, now,
				claim.event(deliveryId, consentId, status, reason, detail, now), outbox.currentTrace()));
	}

	private void writeAll(List<Outcome> outcomes) {
		outbox.appendEachWith("""
				update delivery d set status = o.status, reason = o.reason, detail = o.detail, next_attempt_at = null,
				  in_flight_since = null, updated_at = o.at,
				  body = regexp_replace(d.body, '/c/[A-Za-z0-9_-]+', '/c/(link not kept)', 'g'),
				  event = regexp_replace(d.event, '/c/[A-Za-z0-9_-]+', '/c/(link not kept)', 'g')
				from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
				  cast(? as timestamptz[])) with ordinality as o(id, status, reason, detail, at, n)
				where d.id = o.id returning o.n""",
				new Object[] { column(outcomes, outcome -> outcome.deliveryId().toString()),
						column(outcomes, outcome -> outcome.status().name()),
						column(outcomes, outcome -> outcome.reason() == null ? null : outcome.reason().name()),
						column(outcomes, Outcome::detail), column(outcomes, outcome -> outcome.at().toString()) },
				Topics.DELIVERIES, outcomes.stream().map(Outcome::event).toList(),
				outcomes.stream().map(Outcome::traceParent).toList());
	}

	private static String[] column(List<Outcome> outcomes, Function<Outcome, String> value) {
		return outcomes.stream().map(value).toArray(String[]::new);
	}

	/** The writers finish what is queued; an outcome recorded later is written on its own thread. */
	@Override
	public void close() throws InterruptedException {
		outcomes.close();
	}
}
