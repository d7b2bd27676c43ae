package app.lantern.checkin.sms;

import java.util.Locale;

import app.lantern.checkin.alerts.AlertActions;
import app.lantern.checkin.registry.Invitations;
import app.lantern.checkin.registry.PhoneBook;
import org.springframework.stereotype.Component;

/**
 * A support contact's text: {@code YES} confirms their invitation ({@code START} only lifts a STOP), {@code OK} or {@code ON IT} acknowledges the
 * newest open alert they were told about, {@code DAILY} and {@code DAILY OFF} turn the evening note on and off, STOP and HELP as for anyone; crisis words get the crisis line for
 * themselves. Nothing about any client is in a reply.
 */
@Component
class ContactReplies {

	private final Invitations invitations;

	private final AlertActions alerts;

	private final OptOuts optOuts;

	private final SmsReplies replies;

	private final PhoneBook phones;

	ContactReplies(Invitations invitations, AlertActions alerts, OptOuts optOuts, SmsReplies replies,
			PhoneBook phones) {
		this.phones = phones;
		this.invitations = invitations;
		this.alerts = alerts;
		this.optOuts = optOuts;
		this.replies = replies;
	}

	SmsAnswer answer(String phone, SmsMessage message) {
		Locale locale = phones.contactLocale(phone);
		if (message instanceof SmsMessage.OptIn optIn) {
			optOuts.optIn(phone);
			if (!optIn.yes()) {
				// START lifts a STOP; only YES (or the e-mail button) says yes to the invitation
				return contact("OPT_IN", replies.text(locale, "sms.optin"));
			}
			invitations.confirmSms(phone);
			return contact("CONFIRMED", replies.text(locale, "sms.contact.confirmed"));
		}
		if (message instanceof SmsMessage.Acknowledge) {
			return alerts.acknowledgedByContact(phone) ? contact("ACKNOWLEDGED", replies.text(locale, "sms.contact.acknowledged"))
					: contact("NOTHING_TO_ACKNOWLEDGE", replies.text(locale, "sms.contact.nothing"));
		}
		if (message instanceof SmsMessage.OptOut) {
			optOuts.optOut(phone);
			return contact("OPT_OUT", replies.text(locale, "sms.optout"));
		}
		if (message instanceof SmsMessage.Help) {
			return contact("HELP", replies.help(locale));
		}
		if (message instanceof SmsMessage.Daily daily) {
			invitations.dailyNote(phone, daily.on());
			return contact(daily.on() ? "DAILY_ON" : "DAILY_OFF",
					replies.text(locale, daily.on() ? "sms.contact.daily.on" : "sms.contact.daily.off"));
		}
		if (message instanceof SmsMessage.Crisis || (message instanceof SmsMessage.CheckIn checkIn && checkIn.crisis())) {
			return contact("CRISIS", replies.text(locale, "sms.contact.crisis"));
		}
		return contact("UNREADABLE", replies.text(locale, "sms.contact.unreadable"));
	}

	private static SmsAnswer contact(String outcome, String reply) {
		return new SmsAnswer("CONTACT", outcome, reply);
	}
}
