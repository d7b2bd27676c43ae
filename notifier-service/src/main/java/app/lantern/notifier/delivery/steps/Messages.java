package app.lantern.notifier.delivery.steps;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.ClientMessage;
import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.ContactInvitation;
import app.lantern.events.DeliveryKind;
import app.lantern.events.EventJson;
import app.lantern.events.LanternEvent;
import app.lantern.events.OnCallRota;
import app.lantern.notifier.NotifierProperties;
import app.lantern.notifier.delivery.Claim;
import app.lantern.notifier.delivery.Intent;
import app.lantern.notifier.delivery.Message;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders minimum-necessary messages from the {@code messages} bundle: the client's display name, the kind
 * of alert in plain words and the local time. Nothing else from the alert reaches the template. Staff on call get
 * no name at all: the kind, the time and the console link, behind sign-in.
 */
@Component
public class Messages {

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
	public Message render(Intent intent) {
		Claim claim = intent.claim();
		ClientProfile profile = intent.profile();
		boolean email = claim.channel() == ContactChannel.EMAIL;
		if (intent.toStaff()) {
			return onCall((AlertEvent) intent.cause(), profile, intent.staff(), email, intent);
		}
		ClientProfile.SupportContact contact = intent.contact().orElse(null);
		// in the recipient's language: the client's for their own messages, the contact's for theirs
		Locale locale = claim.kind().toClient() ? profile.locale() : contact == null ? Locale.ENGLISH : contact.locale();
		Rendered rendered = switch (claim.kind()) {
			case ALERT -> alert((AlertEvent) intent.cause(), profile, contact, email, locale);
			case ALL_CLEAR -> allClear(profile, email, locale);
			case DIGEST -> digest(profile, email, locale);
			case REMINDER -> reminder((ClientMessage) intent.cause(), profile, locale);
			case WELCOME -> welcome((ClientMessage) intent.cause(), locale);
			case INVITATION -> invitation(profile, email, ((ContactInvitation) intent.cause()).confirmUrl(), locale);
		};
		String address = claim.kind().toClient() ? profile.phone()
				: contact == null ? null : contact.addressOn(claim.channel());
		return new Message(address, rendered.subject(), rendered.body(), json(intent.cause()), intent.cause());
	}

	/** The alert's kind in plain words and its time; a repeat says "again", at the time it happened again. */
	private Rendered alert(AlertEvent alert, ClientProfile profile, ClientProfile.SupportContact contact, boolean email,
			Locale locale) {
		ZoneId zone = contact.timezone() == null ? profile.timezone() : contact.timezone();
		String words = bundle.getMessage("alert.type." + alert.type().name(), null, alert.type().plainWords(), locale);
		Object[] args = { profile.displayName(), words, localTime(happened(alert), zone, locale) };
		String key = again(alert) ? "alert.again" : "alert";
		if (email) {
			return new Rendered(bundle.getMessage(key + ".email.subject", args, locale),
					bundle.getMessage(key + ".email.body", args, locale));
		}
		return new Rendered(null, bundle.getMessage(key + ".sms", args, locale));
	}

	/**
	 * The cause's JSON, written once for all its recipients: a listener renders an alert's messages one after
	 * another, so the last cause this thread wrote is remembered (events are immutable).
	 */
	private static String json(LanternEvent cause) {
		Object[] last = LAST_WRITTEN.get();
		if (last[0] != cause) {
			last[1] = EventJson.writeString(cause);
			last[0] = cause;
		}
		return (String) last[1];
	}

	private static final ThreadLocal<Object[]> LAST_WRITTEN = ThreadLocal.withInitial(() -> new Object[2]);

	/** To the staff member on call: the kind of alert, the time and the console link; no name. */
	private Message onCall(AlertEvent alert, ClientProfile profile, OnCallRota.StaffMember staff, boolean email,
			Intent intent) {
		Object[] args = { alert.type().plainWords(), localTime(happened(alert), profile.timezone()),
				consoleBase + "/clients/" + alert.clientId() };
		String address = email ? staff.email() : staff.phone();
		String event = json(intent.cause());
		if (intent.claim().channel() == ContactChannel.VOICE) {
			// spoken on the phone: no link, and the key that acknowledges it
			return new Message(address, null, bundle.getMessage("oncall.voice", args, Locale.US), event,
					intent.cause());
		}
		String key = again(alert) ? "oncall.again" : "oncall";
		if (email) {
			return new Message(address, bundle.getMessage(key + ".email.subject", args, Locale.US),
					bundle.getMessage(key + ".email.body", args, Locale.US), event, intent.cause());
		}
		return new Message(address, null, bundle.getMessage(key + ".sms", args, Locale.US), event, intent.cause());
	}

	private static boolean again(AlertEvent alert) {
		return alert.state() == AlertState.REPEATED;
	}

	/** When what is told happened: the alert's own time, or for a repeat the time it happened again. */
	private static Instant happened(AlertEvent alert) {
		return again(alert) ? alert.occurredAt() : alert.raisedAt();
	}

	/** The evening note: the name and "checked in today", nothing more. */
	private Rendered digest(ClientProfile profile, boolean email, Locale locale) {
		return named("digest", profile, email, locale);
	}

	private Rendered allClear(ClientProfile profile, boolean email, Locale locale) {
		return named("allclear", profile, email, locale);
	}

	/** A message whose only argument is the client's name: {@code <key>.sms}, or {@code <key>.email.subject/body}. */
	private Rendered named(String key, ClientProfile profile, boolean email, Locale locale) {
		Object[] args = { profile.displayName() };
		if (email) {
			return new Rendered(bundle.getMessage(key + ".email.subject", args, locale),
					bundle.getMessage(key + ".email.body", args, locale));
		}
		return new Rendered(null, bundle.getMessage(key + ".sms", args, locale));
	}

	/**
	 * A reminder before the due time, or one of the ladder's last nudges; or of an appointment, the reminder before
	 * it or the question after it — its kind in words and its time, never its title (a phone's lock screen shows it).
	 */
	private Rendered reminder(ClientMessage message, ClientProfile profile, Locale locale) {
		if (message.kind().ofAppointment()) {
			String kind = message.appointment();
			Object[] args = { bundle.getMessage("appointment.kind." + kind, null, kind, locale),
					localTime(message.dueAt(), profile.timezone(), locale) };
			String key = message.kind() == ClientMessage.Kind.APPOINTMENT_REMINDER ? "appointment.reminder.sms"
					: "MEDICATION".equals(kind) ? "appointment.question.medication.sms" : "appointment.question.sms";
			return new Rendered(null, bundle.getMessage(key, args, locale));
		}
		String key = message.kind() == ClientMessage.Kind.CHECKIN_NUDGE ? "nudge.sms" : "reminder.sms";
		return new Rendered(null, bundle.getMessage(key, null, locale));
	}

	/** The client's welcome (CTIA's opt-in confirmation): the programme, the private link, how to text, STOP/HELP. */
	private Rendered welcome(ClientMessage welcome, Locale locale) {
		Object[] args = { welcome.programmeName(), welcome.checkinUrl() };
		return new Rendered(null, bundle.getMessage("welcome.sms", args, locale));
	}

	private Rendered invitation(ClientProfile profile, boolean email, String confirmUrl, Locale locale) {
		Object[] args = { profile.displayName(), confirmUrl };
		if (email) {
			return new Rendered(bundle.getMessage("invitation.email.subject", args, locale),
					bundle.getMessage("invitation.email.body", args, locale));
		}
		return new Rendered(null, bundle.getMessage("invitation.sms", args, locale));
	}

	private static String localTime(Instant instant, ZoneId zone) {
		return TIME.format(instant.atZone(zone));
	}

	/** The time as the recipient reads it: 9:40 AM in English, 09:40 in another language. */
	private static String localTime(Instant instant, ZoneId zone, Locale locale) {
		return Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? localTime(instant, zone)
				: DateTimeFormatter.ofPattern("HH:mm", locale).format(instant.atZone(zone));
	}
}
