package app.lantern.notifier.delivery.steps;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertType;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.ContactChannel;
import app.lantern.events.SuppressionReason;
import app.lantern.notifier.delivery.Decision;
import app.lantern.notifier.delivery.Intent;

/**
 * The checks before anyone is told anything, the same the first time and at every retry. For a contact, in
 * order: an active consent that covers the alert's type; the contact's own opt-in on this channel; no STOP
 * from their number; not their quiet hours (unless the alert is a crisis or they said any hour). An
 * invitation needs no consent (adding the contact was the client's choice) but honours STOP; a reminder goes
 * to an active client whose number did not text STOP. A staff member on call (tier 3) needs no consent and has
 * no quiet hours. Time is passed in, so each check is a pure function.
 */
public final class DeliveryChecks {

	private DeliveryChecks() {
	}

	/** What may happen to {@code intent} now, by the newest profile it carries (null: the client was erased). */
	public static Decision decide(Intent intent, Instant now) {
		ClientProfile profile = intent.profile();
		if (profile == null || profile.status() == ClientStatus.DISCHARGED) {
			// erased, or discharged: a discharged client discloses nothing
			return new Decision.Suppress(SuppressionReason.CLIENT_INACTIVE, null);
		}
		ContactChannel channel = intent.claim().channel();
		if (intent.toStaff()) {
			// the programme's own staff on call: no Part 2 consent, no quiet hours (they are on call)
			return new Decision.Send(null);
		}
		return switch (intent.claim().kind()) {
			case ALERT, ALL_CLEAR -> intent.contact()
				.map(contact -> decide((AlertEvent) intent.cause(), contact, channel, now))
				.orElse(new Decision.Suppress(SuppressionReason.NO_CONSENT, null));
			// the evening note: as an alert (a consent to CHECKED_IN_DIGEST), and only while the contact wants it; in
			// their quiet hours it is not sent at all (by morning "checked in today" would no longer be true)
			case DIGEST -> intent.contact()
				.map(contact -> !contact.digest() ? new Decision.Suppress(SuppressionReason.NOT_OPTED_IN, null)
						: noLaterThanNow(decide((AlertEvent) intent.cause(), contact, channel, now)))
				.orElse(new Decision.Suppress(SuppressionReason.NO_CONSENT, null));
			case INVITATION -> intent.contact()
				.<Decision>map(contact -> channel == ContactChannel.SMS && contact.smsOptedOut()
						? new Decision.Suppress(SuppressionReason.OPTED_OUT, null) : new Decision.Send(null))
				.orElse(new Decision.Suppress(SuppressionReason.NOT_OPTED_IN, null));
			// a welcome goes to a paused client too (their new link), never to a number that texted STOP
			case WELCOME -> profile.smsOptedOut() ? new Decision.Suppress(SuppressionReason.OPTED_OUT, null)
					: profile.status() == ClientStatus.DISCHARGED
							? new Decision.Suppress(SuppressionReason.CLIENT_INACTIVE, null) : new Decision.Send(null);
			case REMINDER -> profile.smsOptedOut() ? new Decision.Suppress(SuppressionReason.OPTED_OUT, null)
					: profile.status() != ClientStatus.ACTIVE
							? new Decision.Suppress(SuppressionReason.CLIENT_INACTIVE, null) : new Decision.Send(null);
		};
	}

	private static Decision noLaterThanNow(Decision decision) {
		return decision instanceof Decision.Defer defer
				? new Decision.Suppress(SuppressionReason.QUIET_HOURS_DEFERRED, defer.consentId()) : decision;
	}

	/** The checks for a contact to be told of {@code alert} on {@code channel}. */
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
	public static boolean inReach(AlertEvent alert, ClientProfile.SupportContact contact) {
		return alert.type() == AlertType.CRISIS || contact.tier() <= alert.level();
	}
}
