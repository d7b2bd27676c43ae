package app.lantern.notifier.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import app.lantern.events.AlertEvent;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryStatus;
import app.lantern.events.EventJson;
import app.lantern.events.SuppressionReason;
import app.lantern.notifier.profiles.ProfileView;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what waited: deliveries deferred by quiet hours and retries after a recoverable failure. Before each
 * send the decision is taken again from the newest profile — a consent revoked or a STOP received in the
 * meantime stops it.
 */
@Component
class RetryQueue {

	private final DeliveryLog deliveries;

	private final Sender sender;

	private final ProfileView profiles;

	private final Clock clock;

	RetryQueue(DeliveryLog deliveries, Sender sender, ProfileView profiles, Clock clock) {
		this.deliveries = deliveries;
		this.sender = sender;
		this.profiles = profiles;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${lantern.retries.poll:1s}")
	void sendWhatIsDue() {
		List<DeliveryLog.Waiting> sends = new ArrayList<>();
		for (DeliveryLog.Waiting waiting : deliveries.takeWaiting(100)) {
			Decision decision = decideAgain(waiting);
			if (decision instanceof Decision.Suppress suppress) {
				deliveries.finish(waiting.id(), waiting.claim(), suppress.consentId(), DeliveryStatus.SUPPRESSED,
						suppress.reason(), "at the moment of sending");
			}
			else if (decision instanceof Decision.Defer defer) {
				deliveries.retryAt(waiting.id(), waiting.attempts(), defer.until(), "quiet hours");
			}
			else {
				sends.add(new DeliveryLog.Waiting(waiting.id(), waiting.claim(), decision.consentId(), waiting.message(),
						waiting.attempts()));
			}
		}
		deliveries.sendingNow(sends.stream().map(DeliveryLog.Waiting::id).toList());
		sender.attemptAll(sends);
	}

	private Decision decideAgain(DeliveryLog.Waiting waiting) {
		ClientProfile profile = profiles.find(waiting.claim().clientId()).orElse(null);
		if (profile == null) {
			return new Decision.Suppress(SuppressionReason.CLIENT_INACTIVE, waiting.consentId());
		}
		return switch (waiting.claim().kind()) {
			case ALERT, ALL_CLEAR -> profile.contacts().stream()
				.filter(contact -> contact.id().equals(waiting.claim().recipient()))
				.findFirst()
				.map(contact -> DeliveryChecks.decide(EventJson.read(waiting.message().event(), AlertEvent.class), contact,
						waiting.claim().channel(), clock.instant()))
				.orElse(new Decision.Suppress(SuppressionReason.NO_CONSENT, waiting.consentId()));
			case INVITATION -> profile.contacts().stream()
				.filter(contact -> contact.id().equals(waiting.claim().recipient()))
				.findFirst()
				.<Decision>map(contact -> waiting.claim().channel() == ContactChannel.SMS && contact.smsOptedOut()
						? new Decision.Suppress(SuppressionReason.OPTED_OUT, null) : new Decision.Send(null))
				.orElse(new Decision.Suppress(SuppressionReason.NOT_OPTED_IN, null));
			case REMINDER -> profile.smsOptedOut() ? new Decision.Suppress(SuppressionReason.OPTED_OUT, null)
					: profile.status() != ClientStatus.ACTIVE
							? new Decision.Suppress(SuppressionReason.CLIENT_INACTIVE, null) : new Decision.Send(null);
		};
	}
}
