package app.lantern.notifier.delivery.listeners;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import app.lantern.events.ClientProfile;
import app.lantern.events.ContactInvitation;
import app.lantern.events.DeliveryKind;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.notifier.delivery.Claim;
import app.lantern.notifier.delivery.DeliveryPipeline;
import app.lantern.notifier.delivery.Intent;
import app.lantern.notifier.profiles.ProfileView;
import app.lantern.platform.FailureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Sends a new contact their invitation. The contact is read from the profile, which may arrive a moment
 * after the invitation: until it does, the record is retried.
 */
@Component
class InvitationDeliveries {

	private static final Logger log = LoggerFactory.getLogger(InvitationDeliveries.class);

	/** An invitation whose contact is still unknown after this long is of an erased client or a removed contact. */
	private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);

	private final ProfileView profiles;

	private final DeliveryPipeline pipeline;

	private final Clock clock;

	InvitationDeliveries(ProfileView profiles, DeliveryPipeline pipeline, Clock clock) {
		this.profiles = profiles;
		this.pipeline = pipeline;
		this.clock = clock;
	}

	@KafkaListener(id = "notifier-invitations", topics = Topics.CONTACT_INVITATIONS,
			groupId = "notifier-service.invitations")
	void on(String payload) {
		ContactInvitation invitation = EventJson.read(payload, ContactInvitation.class);
		ClientProfile profile = profiles.find(invitation.clientId()).orElse(null);
		ClientProfile.SupportContact contact = profile == null ? null
				: profile.contact(invitation.contactId()).orElse(null);
		if (contact == null) {
			if (invitation.occurredAt().isBefore(clock.instant().minus(GIVE_UP_AFTER))) {
				// the client erased, or the contact removed, before the invitation was handled
				log.warn("Invitation {} dropped: its client or contact is no longer known", invitation.invitationId());
				return;
			}
			// the profile with the invited contact comes on another topic: wait for it (FailureKind.PASSING)
			throw new FailureKind.NotYet("no profile with the invited contact yet, for invitation "
					+ invitation.invitationId());
		}
		var claim = new Claim(DeliveryKind.INVITATION, invitation.invitationId(), invitation.clientId(), null, 1, "",
				contact.id(), invitation.channel());
		pipeline.deliver(List.of(new Intent(claim, profile, invitation)));
	}
}
