package app.lantern.notifier.delivery;

import java.time.Clock;

import app.lantern.events.AlertEvent;
import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryKind;
import app.lantern.events.EventJson;
import app.lantern.notifier.profiles.ProfileView;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When an alert could not reach a contact on one channel for good (an invalid number, an opted-out number, an
 * undelivered SMS, a refused address), it goes to the same contact's other channel — if they have an address
 * there, opted in to it, and the checks allow it now. A channel they were already told on is not used again.
 */
@Component
class Fallback {

	private final ProfileView profiles;

	private final Sender sender;

	private final Messages messages;

	private final Clock clock;

	Fallback(ProfileView profiles, Sender sender, Messages messages, Clock clock) {
		this.profiles = profiles;
		this.sender = sender;
		this.messages = messages;
		this.clock = clock;
	}

	/** Published when a delivery failed for good. */
	record Failed(DeliveryLog.Claim claim, String event) {
	}

	@EventListener
	void on(Failed failed) {
		DeliveryLog.Claim claim = failed.claim();
		if (claim.kind() != DeliveryKind.ALERT || failed.event() == null) {
			return;
		}
		ClientProfile profile = profiles.find(claim.clientId()).orElse(null);
		ClientProfile.SupportContact contact = profile == null ? null : profile.contacts().stream()
			.filter(candidate -> candidate.id().equals(claim.recipient()))
			.findFirst()
			.orElse(null);
		if (contact == null) {
			return;
		}
		ContactChannel other = claim.channel() == ContactChannel.SMS ? ContactChannel.EMAIL : ContactChannel.SMS;
		String address = contact.addressOn(other);
		if (address == null || address.isBlank()) {
			return;
		}
		AlertEvent alert = EventJson.read(failed.event(), AlertEvent.class);
		Decision decision = DeliveryChecks.decide(alert, contact, other, clock.instant());
		Messages.Rendered rendered = messages.alert(alert, profile, contact, other == ContactChannel.EMAIL);
		var fallback = new DeliveryLog.Claim(claim.kind(), claim.subjectId(), claim.clientId(), claim.alertType(),
				claim.level(), claim.severity(), claim.recipient(), other);
		sender.deliver(fallback, decision,
				new DeliveryLog.Message(address, rendered.subject(), rendered.body(), failed.event()));
	}
}
