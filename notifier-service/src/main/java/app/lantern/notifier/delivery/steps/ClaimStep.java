package app.lantern.notifier.delivery.steps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.events.SuppressionReason;
import app.lantern.notifier.delivery.Claim;
import app.lantern.notifier.delivery.DeliveryMetrics;
import app.lantern.notifier.delivery.PendingSend;
import app.lantern.notifier.delivery.Planned;
import app.lantern.notifier.delivery.store.ClaimRows;
import org.springframework.stereotype.Component;

/**
 * The claim step: one row per (kind, subject, level, severity, repeat, recipient, channel), all of a poll in one
 * transaction, before any send. A claim made before is not sent again: a finished one's repeat is recorded as
 * a DUPLICATE, a QUEUED one belongs to the retry queue (which takes it back when its lease runs out, asking the
 * channel first whether an unanswered attempt got through). What the checks suppressed or deferred is recorded
 * and announced here. Returns what is to be sent now, leased until {@code leaseEnds}.
 */
@Component
public class ClaimStep {

	private final ClaimRows deliveries;

	private final DeliveryMetrics metrics;

	ClaimStep(ClaimRows deliveries, DeliveryMetrics metrics) {
		this.deliveries = deliveries;
		this.metrics = metrics;
	}

	public List<PendingSend> claim(List<Planned> planned, Instant now, Instant leaseEnds) {
		if (planned.isEmpty()) {
			return List.of();
		}
		return deliveries.inOneTransaction(() -> {
			Map<Claim, ClaimRows.EarlierClaim> earlier = deliveries.earlier(planned);
			List<PendingSend> toSend = new ArrayList<>();
			List<Planned> fresh = new ArrayList<>();
			List<UUID> ids = new ArrayList<>();
			for (Planned one : planned) {
				ClaimRows.EarlierClaim before = earlier.get(one.claim());
				if (before == null) {
					fresh.add(one);
					ids.add(UUID.randomUUID());
				}
				else if (!before.queued()) {
					suppressed(before.id(), one, SuppressionReason.DUPLICATE, now);
				}
				// a QUEUED claim is the retry queue's already
			}
			boolean[] inserted = deliveries.insertAll(ids, fresh, now, leaseEnds);
			for (int i = 0; i < fresh.size(); i++) {
				Planned one = fresh.get(i);
				SuppressionReason notNow = one.decision().reasonNotToSendNow();
				if (!inserted[i]) {
					continue; // claimed by another instance in the meantime
				}
				if (notNow != null) {
					suppressed(ids.get(i), one, notNow, now);
				}
				else {
					toSend.add(pending(ids.get(i), one));
				}
			}
			return toSend;
		});
	}

	private static PendingSend pending(UUID id, Planned one) {
		return new PendingSend(id, one.claim(), one.decision().consentId(), one.message(), 0, one.decidedOn(), null);
	}

	private void suppressed(UUID id, Planned one, SuppressionReason reason, Instant now) {
		deliveries.announceSuppressed(id, one.claim(), one.decision().consentId(), reason, now);
		metrics.suppressed(one.claim(), reason);
	}
}
