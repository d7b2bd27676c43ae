package app.lantern.notifier.delivery;

import java.util.List;

import app.lantern.events.ClientMessage;
import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryEvent;
import app.lantern.events.DeliveryKind;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.notifier.profiles.ProfileView;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reminds clients to check in, by SMS, unless their number texted STOP or they are no longer active. */
@Component
class ClientReminders {

	private final ProfileView profiles;

	private final DeliveryPipeline pipeline;

	ClientReminders(ProfileView profiles, DeliveryPipeline pipeline) {
		this.profiles = profiles;
		this.pipeline = pipeline;
	}

	@KafkaListener(id = "notifier-client-messages", topics = Topics.CLIENT_MESSAGES,
			groupId = "notifier-service.client-messages")
	void on(String payload) {
		ClientMessage message = EventJson.read(payload, ClientMessage.class);
		ClientProfile profile = profiles.find(message.clientId()).orElse(null);
		if (profile == null || profile.phone() == null) {
			return; // erased, or never known here
		}
		var claim = new Claim(DeliveryKind.REMINDER, message.messageId(), message.clientId(), null, 1, "",
				DeliveryEvent.CLIENT_RECIPIENT, ContactChannel.SMS);
		pipeline.deliver(List.of(new Intent(claim, profile, message)));
	}
}
