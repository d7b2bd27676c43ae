package app.lantern.notifier.delivery;

import java.util.List;

import app.lantern.events.ClientProfile;
import app.lantern.events.ContactInvitation;
import app.lantern.events.DeliveryKind;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.notifier.profiles.ProfileView;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Sends a new contact their invitation. The contact is read from the profile, which may arrive a moment
 * after the invitation: until it does, the record is retried.
 */
@Component
class InvitationDeliveries {

	private final ProfileView profiles;

	private final DeliveryPipeline pipeline;

	InvitationDeliveries(ProfileView profiles, DeliveryPipeline pipeline) {
		this.profiles = profiles;
		this.pipeline = pipeline;
	}

	@KafkaListener(id = "notifier-invitations", topics = Topics.CONTACT_INVITATIONS,
			groupId = "notifier-service.invitations")
	void on(String payload) {
		ContactInvitation invitation = EventJson.read(payload, ContactInvitation.class);
		ClientProfile profile = profiles.find(invitation.clientId()).orElseThrow(() -> new IllegalStateException(
				"no profile yet for the client of invitation " + invitation.invitationId()));
		ClientProfile.SupportContact contact = profile.contact(invitation.contactId())
			.orElseThrow(() -> new IllegalStateException("the profile does not have the invited contact yet"));
		var claim = new Claim(DeliveryKind.INVITATION, invitation.invitationId(), invitation.clientId(), null, 1, "",
				contact.id(), invitation.channel());
		pipeline.deliver(List.of(new Intent(claim, profile, invitation)));
	}
}
