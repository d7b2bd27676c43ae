package app.lantern.notifier.delivery.steps;

import java.util.Optional;

import app.lantern.events.AlertEvent;
import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryKind;
import app.lantern.events.EventJson;
import app.lantern.notifier.delivery.Claim;
import app.lantern.notifier.delivery.Intent;
import app.lantern.notifier.delivery.PendingSend;

/**
 * When an alert could not reach a contact on one channel for good (an invalid number, an opted-out number, an
 * undelivered SMS, a refused address), the same alert to the same contact's other channel — if they have an
 * address there. It then goes through every check like any other delivery (opt-in, consent, quiet hours),
 * and a channel they were already told on is not used again (its claim exists).
 */
public final class Fallback {

	private Fallback() {
	}

	public static Optional<Intent> otherChannel(PendingSend failed, ClientProfile newest) {
		Claim claim = failed.claim();
		if (claim.kind() != DeliveryKind.ALERT || failed.message().event() == null || newest == null) {
			return Optional.empty();
		}
		ContactChannel other = claim.channel() == ContactChannel.SMS ? ContactChannel.EMAIL : ContactChannel.SMS;
		return newest.contact(claim.recipient())
			.map(contact -> contact.addressOn(other))
			.filter(address -> !address.isBlank())
			.map(address -> new Intent(claim.on(other), newest,
					EventJson.read(failed.message().event(), AlertEvent.class)));
	}
}
