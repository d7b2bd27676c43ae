package app.lantern.notifier.delivery;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertType;
import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.SuppressionReason;

/**
 * The checks before a contact is told anything, in order: an active consent that covers the alert's type;
 * the contact's own opt-in on this channel; no STOP from their number; not their quiet hours (unless the
 * alert is a crisis or they said any hour). Time is passed in, so each check is a pure function.
 */
final class DeliveryChecks {

	private DeliveryChecks() {
	}

	static Decision decide(AlertEvent alert, ClientProfile.SupportContact contact, ContactChannel channel,
			Instant now) {
		Optional<ClientProfile.Consent> consent = contact.consents()
			.stream()
			.filter(candidate -> candidate.covers(alert.type(), now))
			.findFirst();
		if (consent.isEmpty()) {
			return new Decision.Suppress(SuppressionReason.NO_CONSENT, null);
		}
		String consentId = consent.get().id();
		if (!contact.confirmedChannels().contains(channel)) {
			return new Decision.Suppress(SuppressionReason.NOT_OPTED_IN, consentId);
		}
		if (channel == ContactChannel.SMS && contact.smsOptedOut()) {
			return new Decision.Suppress(SuppressionReason.OPTED_OUT, consentId);
		}
		if (inQuietHours(alert, contact, now)) {
			return new Decision.Defer(consentId, quietHoursEnd(contact, now));
		}
		return new Decision.Send(consentId);
	}

	/** The next instant the contact's quiet hours end, in their zone. */
	static Instant quietHoursEnd(ClientProfile.SupportContact contact, Instant now) {
		ZoneId zone = contact.timezone() == null ? ZoneId.of("UTC") : contact.timezone();
		var local = now.atZone(zone);
		var end = local.toLocalDate().atTime(contact.quietHours().end()).atZone(zone);
		return (end.isAfter(local) ? end : end.plusDays(1)).toInstant();
	}

	static boolean inQuietHours(AlertEvent alert, ClientProfile.SupportContact contact, Instant now) {
		if (alert.type() == AlertType.CRISIS || contact.anyHour() || contact.quietHours() == null) {
			return false;
		}
		ZoneId zone = contact.timezone() == null ? ZoneId.of("UTC") : contact.timezone();
		return contact.quietHours().contains(now.atZone(zone).toLocalTime());
	}

	/** Tier 1 first, the next tier at each escalation; a crisis goes to every tier at once. */
	static boolean inReach(AlertEvent alert, ClientProfile.SupportContact contact) {
		return alert.type() == AlertType.CRISIS || contact.tier() <= alert.level();
	}
}
