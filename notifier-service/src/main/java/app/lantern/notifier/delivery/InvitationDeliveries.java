package app.lantern.notifier.delivery;

import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.ContactInvitation;
import app.lantern.events.DeliveryKind;
import app.lantern.events.EventJson;
import app.lantern.events.SuppressionReason;
import app.lantern.events.Topics;
import app.lantern.notifier.profiles.ProfileView;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Sends a new contact their invitation. No consent is needed to ask (adding the contact was the client's
 * choice), but a number that texted STOP is not asked again. The contact is read from the profile, which
 * may arrive a moment after the invitation: until it does, the record is retried.
 */
@Component
class InvitationDeliveries {

	private final ProfileView profiles;

	private final Sender sender;

	private final Messages messages;

	InvitationDeliveries(ProfileView profiles, Sender sender, Messages messages) {
		this.profiles = profiles;
		this.sender = sender;
		this.messages = messages;
	}

	@KafkaListener(id = "notifier-invitations", topics = Topics.CONTACT_INVITATIONS,
			groupId = "notifier-service.invitations")
	void on(String payload) {
		ContactInvitation invitation = EventJson.read(payload, ContactInvitation.class);
		ClientProfile profile = profiles.find(invitation.clientId()).orElseThrow(() -> new IllegalStateException(
				"no profile yet for the client of invitation " + invitation.invitationId()));
		ClientProfile.SupportContact contact = profile.contacts().stream()
			.filter(candidate -> candidate.id().equals(invitation.contactId()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("the profile does not have the invited contact yet"));
		ContactChannel channel = invitation.channel();
		Decision decision = channel == ContactChannel.SMS && contact.smsOptedOut()
				? new Decision.Suppress(SuppressionReason.OPTED_OUT, null) : new Decision.Send(null);
		var claim = new DeliveryLog.Claim(DeliveryKind.INVITATION, invitation.invitationId(), invitation.clientId(),
				null, 1, "", contact.id(), channel);
		Messages.Rendered rendered = messages.invitation(profile, channel == ContactChannel.EMAIL, invitation.confirmUrl());
		sender.deliver(claim, decision,
				new DeliveryLog.Message(contact.addressOn(channel), rendered.subject(), rendered.body(), payload));
	}
}
