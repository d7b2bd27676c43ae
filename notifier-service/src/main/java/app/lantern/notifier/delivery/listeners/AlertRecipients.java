package app.lantern.notifier.delivery.listeners;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
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

	/**
	 * Every contact in reach of the alert's level, on each of their channels; for a repeat of an alert someone
	 * acknowledged (a high craving, reported use), only the contact who acknowledged it — a crisis is told again to
	 * everyone in reach.
	 */
	private static List<Intent> contacts(AlertEvent alert, ClientProfile profile) {
		if (!alert.isOpen() || !alert.type().consentable()) {
			// a client's own away is told to their staff only, whatever a consent says
			return List.of();
		}
		List<Intent> intents = new ArrayList<>();
		for (ClientProfile.SupportContact contact : profile.contacts()) {
			boolean told = toldAgainOnly(alert) ? contact.id().equals(alert.acknowledgedBy())
					: DeliveryChecks.inReach(alert, contact);
			if (told) {
				for (ContactChannel channel : contact.channels()) {
					intents.add(new Intent(claim(alert, contact.id(), channel), profile, alert));
				}
			}
		}
		return intents;
	}

	/** A repeat told again only to whoever acknowledged the alert (anything repeated but a crisis). */
	private static boolean toldAgainOnly(AlertEvent alert) {
		return alert.state() == AlertState.REPEATED && alert.type() != AlertType.CRISIS;
	}

	private static Claim claim(AlertEvent alert, String recipient, ContactChannel channel) {
		return new Claim(DeliveryKind.ALERT, alert.alertId(), alert.clientId(), alert.type(), alert.level(),
				alert.severity().name(), recipient, channel, alert.repeats());
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
	 * Tier 3: the programme's staff, each on the ways {@link StaffReach} says, when the alert has come to them. No one
	 * to reach then is counted and logged: an operator must staff the rota.
	 */
	private List<Intent> staff(AlertEvent alert, ClientProfile profile, OnCallRota rota, Instant now) {
		if (!alert.isOpen() || profile == null) {
			return List.of();
		}
		List<StaffReach.Reach> reaches = StaffReach.toTell(alert, profile, rota, now);
		if (reaches.isEmpty()) {
			if (StaffReach.needsStaff(alert, profile, now)) {
				metrics.noOneOnCall(alert.type());
				log.warn("Alert {} ({}, level {}) should reach the programme's staff, and no one can be reached: "
						+ "staff the rota and give staff a phone", alert.alertId(), alert.type(), alert.level());
			}
			return List.of();
		}
		List<Intent> intents = new ArrayList<>();
		for (StaffReach.Reach reach : reaches) {
			String recipient = StaffReach.recipient(reach.member());
			for (ContactChannel channel : reach.channels()) {
				intents.add(new Intent(claim(alert, recipient, channel), profile, alert, reach.member()));
			}
		}
		return intents;
	}
}
