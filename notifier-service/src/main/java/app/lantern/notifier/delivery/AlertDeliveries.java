package app.lantern.notifier.delivery;

import java.time.Clock;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryKind;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.notifier.profiles.ProfileView;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Tells the contacts in reach of a raised or escalated alert, on each of their channels. */
@Component
class AlertDeliveries {

	private final ProfileView profiles;

	private final Sender sender;

	private final Messages messages;

	private final DeliveryLog deliveries;

	private final Clock clock;

	AlertDeliveries(ProfileView profiles, Sender sender, Messages messages, DeliveryLog deliveries, Clock clock) {
		this.profiles = profiles;
		this.sender = sender;
		this.messages = messages;
		this.deliveries = deliveries;
		this.clock = clock;
	}

	/**
	 * The client checked in after a missed check-in: everyone who was told hears "all clear", so no one is left
	 * worrying — under the same checks as any message (the consent may have been revoked since).
	 */
	private void allClear(AlertEvent resolved) {
		var told = deliveries.toldOf(resolved.alertId());
		if (told.isEmpty()) {
			return;
		}
		ClientProfile profile = profiles.find(resolved.clientId()).orElse(null);
		if (profile == null) {
			return; // erased since
		}
		for (var recipient : told) {
			profile.contacts().stream().filter(contact -> contact.id().equals(recipient.getKey())).findFirst()
				.ifPresent(contact -> {
					ContactChannel channel = recipient.getValue();
					Decision decision = DeliveryChecks.decide(resolved, contact, channel, clock.instant());
					var claim = new DeliveryLog.Claim(DeliveryKind.ALL_CLEAR, resolved.alertId(), resolved.clientId(),
							resolved.type(), 1, "", contact.id(), channel);
					sender.deliver(claim, decision, message(contact.addressOn(channel),
							messages.allClear(profile, channel == ContactChannel.EMAIL), resolved));
				});
		}
	}

	private static DeliveryLog.Message message(String address, Messages.Rendered rendered, AlertEvent cause) {
		return new DeliveryLog.Message(address, rendered.subject(), rendered.body(), EventJson.writeString(cause));
	}

	@KafkaListener(id = "notifier-alerts", topics = Topics.ALERTS, groupId = "notifier-service.alerts")
	void on(String payload) {
		AlertEvent alert = EventJson.read(payload, AlertEvent.class);
		if (alert.state() == AlertState.RESOLVED && alert.type() == AlertType.MISSED_CHECKIN) {
			allClear(alert);
			return;
		}
		if (!alert.isOpen()) {
			return;
		}
		ClientProfile profile = profiles.find(alert.clientId())
			.orElseThrow(() -> new IllegalStateException("no profile yet for the client of alert " + alert.alertId()));
		for (ClientProfile.SupportContact contact : profile.contacts()) {
			if (!DeliveryChecks.inReach(alert, contact)) {
				continue;
			}
			for (ContactChannel channel : contact.channels()) {
				Decision decision = DeliveryChecks.decide(alert, contact, channel, clock.instant());
				var claim = new DeliveryLog.Claim(DeliveryKind.ALERT, alert.alertId(), alert.clientId(), alert.type(),
						alert.level(), alert.severity().name(), contact.id(), channel);
				sender.deliver(claim, decision, message(contact.addressOn(channel),
						messages.alert(alert, profile, contact, channel == ContactChannel.EMAIL), alert));
			}
		}
	}
}
