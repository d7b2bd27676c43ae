package app.lantern.events;

import static app.lantern.events.Invariants.present;
import static app.lantern.events.Invariants.supportedSchema;
import static app.lantern.events.Invariants.text;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * A new support contact is asked to opt in, on {@link Topics#CONTACT_INVITATIONS}: by SMS they reply YES;
 * by e-mail they follow {@code confirmUrl}, which carries a one-time token. Until they do, they are sent
 * nothing else on that channel.
 */
public record ContactInvitation(UUID eventId, Instant occurredAt, @JsonProperty(required = true) int schemaVersion,
		UUID invitationId, String clientId, String contactId, ContactChannel channel, String confirmUrl)
		implements LanternEvent {

	public static final int SCHEMA_VERSION = 1;

	public ContactInvitation {
		present(eventId, "eventId");
		present(occurredAt, "occurredAt");
		supportedSchema(schemaVersion);
		present(invitationId, "invitationId");
		text(clientId, "clientId");
		text(contactId, "contactId");
		present(channel, "channel");
		if (channel == ContactChannel.EMAIL) {
			text(confirmUrl, "confirmUrl");
		}
	}

	public static ContactInvitation of(String clientId, String contactId, ContactChannel channel, String confirmUrl,
			Instant now) {
		return new ContactInvitation(UUID.randomUUID(), now, SCHEMA_VERSION, UUID.randomUUID(), clientId, contactId,
				channel, confirmUrl);
	}

	@Override
	public String key() {
		return clientId;
	}
}
