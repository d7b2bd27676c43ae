package app.lantern.notifier.delivery;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import app.lantern.events.AlertEvent;
import app.lantern.events.ClientMessage;
import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.ContactInvitation;
import app.lantern.events.DeliveryKind;
import app.lantern.events.EventJson;
import app.lantern.events.OnCallRota;
import app.lantern.notifier.NotifierProperties;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders minimum-necessary messages from the {@code messages} bundle: the client's display name, the kind
 * of alert in plain words and the local time. Nothing else from the alert reaches the template. Staff on call get
 * no name at all: the kind, the time and the console link, behind sign-in.
 */
@Component
class Messages {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);

	private final MessageSource bundle;

	private final String consoleBase;

	Messages(MessageSource bundle, NotifierProperties properties) {
		this.bundle = bundle;
		this.consoleBase = properties.publicBaseUrl();
	}

	record Rendered(String subject, String body) {
	}

	/** The message of {@code intent}, to the address of its recipient on its channel, with its cause kept. */
	Message render(Intent intent) {
		Claim claim = intent.claim();
		ClientProfile profile = intent.profile();
		boolean email = claim.channel() == ContactChannel.EMAIL;
		if (intent.toStaff()) {
			return onCall((AlertEvent) intent.cause(), profile, intent.staff(), email, intent);
		}
		ClientProfile.SupportContact contact = intent.contact().orElse(null);
		Rendered rendered = switch (claim.kind()) {
			case ALERT -> alert((AlertEvent) intent.cause(), profile, contact, email);
			case ALL_CLEAR -> allClear(profile, email);
			case DIGEST -> digest(profile, email);
			case REMINDER -> reminder((ClientMessage) intent.cause());
			case WELCOME -> welcome((ClientMessage) intent.cause());
			case INVITATION -> invitation(profile, email, ((ContactInvitation) intent.cause()).confirmUrl());
		};
		String address = claim.kind().toClient() ? profile.phone()
				: contact == null ? null : contact.addressOn(claim.channel());
		return new Message(address, rendered.subject(), rendered.body(), EventJson.writeString(intent.cause()));
	}

	private Rendered alert(AlertEvent alert, ClientProfile profile, ClientProfile.SupportContact contact, boolean email) {
		ZoneId zone = contact.timezone() == null ? profile.timezone() : contact.timezone();
		Object[] args = { profile.displayName(), alert.type().plainWords(), localTime(alert.raisedAt(), zone) };
		if (email) {
			return new Rendered(bundle.getMessage("alert.email.subject", args, Locale.US),
					bundle.getMessage("alert.email.body", args, Locale.US));
		}
		return new Rendered(null, bundle.getMessage("alert.sms", args, Locale.US));
	}

	/** To the staff member on call: the kind of alert, the time and the console link; no name. */
	private Message onCall(AlertEvent alert, ClientProfile profile, OnCallRota.StaffMember staff, boolean email,
			Intent intent) {
		Object[] args = { alert.type().plainWords(), localTime(alert.raisedAt(), profile.timezone()),
				consoleBase + "/clients/" + alert.clientId() };
		String address = email ? staff.email() : staff.phone();
		String event = EventJson.writeString(intent.cause());
		if (email) {
			return new Message(address, bundle.getMessage("oncall.email.subject", args, Locale.US),
					bundle.getMessage("oncall.email.body", args, Locale.US), event);
		}
		return new Message(address, null, bundle.getMessage("oncall.sms", args, Locale.US), event);
	}

	/** The evening note: the name and "checked in today", nothing more. */
	private Rendered digest(ClientProfile profile, boolean email) {
		Object[] args = { profile.displayName() };
		if (email) {
			return new Rendered(bundle.getMessage("digest.email.subject", args, Locale.US),
					bundle.getMessage("digest.email.body", args, Locale.US));
		}
		return new Rendered(null, bundle.getMessage("digest.sms", args, Locale.US));
	}

	private Rendered allClear(ClientProfile profile, boolean email) {
		Object[] args = { profile.displayName() };
		if (email) {
			return new Rendered(bundle.getMessage("allclear.email.subject", args, Locale.US),
					bundle.getMessage("allclear.email.body", args, Locale.US));
		}
		return new Rendered(null, bundle.getMessage("allclear.sms", args, Locale.US));
	}

	/** A reminder before the due time, or one of the ladder's last nudges. */
	private Rendered reminder(ClientMessage message) {
		String key = message.kind() == ClientMessage.Kind.CHECKIN_NUDGE ? "nudge.sms" : "reminder.sms";
		return new Rendered(null, bundle.getMessage(key, null, Locale.US));
	}

	/** The client's welcome (CTIA's opt-in confirmation): the programme, the private link, how to text, STOP/HELP. */
	private Rendered welcome(ClientMessage welcome) {
		Object[] args = { welcome.programmeName(), welcome.checkinUrl() };
		return new Rendered(null, bundle.getMessage("welcome.sms", args, Locale.US));
	}

	private Rendered invitation(ClientProfile profile, boolean email, String confirmUrl) {
		Object[] args = { profile.displayName(), confirmUrl };
		if (email) {
			return new Rendered(bundle.getMessage("invitation.email.subject", args, Locale.US),
					bundle.getMessage("invitation.email.body", args, Locale.US));
		}
		return new Rendered(null, bundle.getMessage("invitation.sms", args, Locale.US));
	}

	private static String localTime(Instant instant, ZoneId zone) {
		return TIME.format(instant.atZone(zone));
	}
}
