package app.lantern.notifier.delivery;

import app.lantern.events.ClientMessage;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryEvent;
import app.lantern.events.DeliveryKind;
import app.lantern.events.EventJson;
import app.lantern.events.SuppressionReason;
import app.lantern.events.Topics;
import app.lantern.notifier.profiles.ProfileView;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reminds clients to check in, by SMS, unless their number texted STOP or they are no longer active. */
@Component
class ClientReminders {

	private final ProfileView profiles;

	private final Sender sender;

	private final Messages messages;

	ClientReminders(ProfileView profiles, Sender sender, Messages messages) {
		this.profiles = profiles;
		this.sender = sender;
		this.messages = messages;
	}

	@KafkaListener(id = "notifier-client-messages", topics = Topics.CLIENT_MESSAGES,
			groupId = "notifier-service.client-messages")
	void on(String payload) {
		ClientMessage message = EventJson.read(payload, ClientMessage.class);
		ClientProfile profile = profiles.find(message.clientId()).orElse(null);
		if (profile == null || profile.phone() == null) {
			return; // erased, or never known here
		}
		Decision decision = profile.smsOptedOut() ? new Decision.Suppress(SuppressionReason.OPTED_OUT, null)
				: profile.status() != ClientStatus.ACTIVE ? new Decision.Suppress(SuppressionReason.CLIENT_INACTIVE, null)
						: new Decision.Send(null);
		var claim = new DeliveryLog.Claim(DeliveryKind.REMINDER, message.messageId(), message.clientId(), null, 1, "",
				DeliveryEvent.CLIENT_RECIPIENT, ContactChannel.SMS);
		Messages.Rendered rendered = messages.reminder();
		sender.deliver(claim, decision, new DeliveryLog.Message(profile.phone(), null, rendered.body(), payload));
	}
}
