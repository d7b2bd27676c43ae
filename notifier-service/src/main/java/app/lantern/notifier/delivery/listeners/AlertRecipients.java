package app.lantern.notifier.delivery.listeners;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryKind;
import app.lantern.events.OnCallRota;
import app.lantern.notifier.delivery.Claim;
import app.lantern.notifier.delivery.DeliveryMetrics;
import app.lantern.notifier.delivery.Intent;
import app.lantern.notifier.delivery.steps.DeliveryChecks;
import app.lantern.notifier.delivery.store.DeliveryLog;
import app.lantern.notifier.oncall.StaffReach;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who is to be told of one step of an alert, before any check: the contacts in reach of its level, on each of
 * their channels; the staff member on call when {@link StaffReach} says it has come to them; and, when a missed
 * check-in ends calmly, everyone who was told of it ("all clear"). The checks themselves come after, in
 * {@link DeliveryChecks}, the same for all.
 */
@Component
class AlertRecipients {

	private static final Logger log = LoggerFactory.getLogger(AlertRecipients.class);

	private final DeliveryLog deliveries;

	private final DeliveryMetrics metrics;

	AlertRecipients(DeliveryLog deliveries, DeliveryMetrics metrics) {
		this.deliveries = deliveries;
		this.metrics = metrics;
	}

	/** The intents of one alert step, under the rota at {@code now}. */
	List<Intent> of(AlertEvent alert, ClientProfile profile, OnCallRota rota, Instant now) {
		if (alert.state() == AlertState.RESOLVED) {
			return allClear(alert, profile);
		}
		List<Intent> intents = new ArrayList<>(contacts(alert, profile));
		intents.addAll(staff(alert, profile, rota, now));
		return intents;
	}

	/** Every contact in reach of the alert's level, on each of their channels. */
	private static List<Intent> contacts(AlertEvent alert, ClientProfile profile) {
		if (!alert.isOpen() || !alert.type().consentable()) {
			// a client's own away is told to their staff only, whatever a consent says
			return List.of();
		}
		List<Intent> intents = new ArrayList<>();
		for (ClientProfile.SupportContact contact : profile.contacts()) {
			if (DeliveryChecks.inReach(alert, contact)) {
				for (ContactChannel channel : contact.channels()) {
					intents.add(new Intent(new Claim(DeliveryKind.ALERT, alert.alertId(), alert.clientId(), alert.type(),
							alert.level(), alert.severity().name(), contact.id(), channel), profile, alert));
				}
			}
		}
		return intents;
	}

	/**
	 * The client checked in after a missed check-in: everyone who was told hears "all clear", so no one is left
	 * worrying — under the same checks as any message (the consent may have been revoked since).
	 */
	private List<Intent> allClear(AlertEvent resolved, ClientProfile profile) {
		if (!resolved.saysAllClear() || profile == null) {
			// only the client's own calm check-in clears a miss (not staff, not a crisis or use); or erased since
			return List.of();
		}
		List<Intent> intents = new ArrayList<>();
		for (var told : deliveries.toldOf(resolved.alertId())) {
			profile.contact(told.getKey())
				.ifPresent(contact -> intents.add(new Intent(new Claim(DeliveryKind.ALL_CLEAR, resolved.alertId(),
						resolved.clientId(), resolved.type(), 1, "", contact.id(), told.getValue()), profile, resolved)));
		}
		return intents;
	}
	/**
	 * Tier 3: the staff member on call, on each way they can be reached, when {@link StaffReach} says the alert
	 * has come to them. No one on call then is counted and logged: an operator must staff the rota.
	 */
	private List<Intent> staff(AlertEvent alert, ClientProfile profile, OnCallRota rota, Instant now) {
		if (!alert.isOpen() || profile == null) {
			return List.of();
		}
		Optional<OnCallRota.StaffMember> member = StaffReach.toTell(alert, profile, rota, now);
		if (member.isEmpty()) {
			if (StaffReach.needsStaff(alert, profile, now)) {
				metrics.noOneOnCall(alert.type());
				log.warn("Alert {} ({}, level {}) should reach the staff member on call, and no one is on call: "
						+ "staff the rota", alert.alertId(), alert.type(), alert.level());
			}
			return List.of();
		}
		List<Intent> intents = new ArrayList<>();
		String recipient = StaffReach.recipient(member.get());
		for (ContactChannel channel : ContactChannel.values()) {
			String address = channel == ContactChannel.SMS ? member.get().phone() : member.get().email();
			if (address != null && !address.isBlank()) {
				intents.add(new Intent(new Claim(DeliveryKind.ALERT, alert.alertId(), alert.clientId(), alert.type(),
						alert.level(), alert.severity().name(), recipient, channel), profile, alert, member.get()));
			}
		}
		return intents;
	}
}
