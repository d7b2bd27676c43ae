package app.lantern.checkin.sms;

import app.lantern.checkin.alerts.AlertActions;
import org.springframework.stereotype.Component;

/**
 * A staff member's text from the phone they are reached at on call: {@code OK} (or {@code ON IT}) acknowledges the
 * newest open alert they were sent, as the console's button would — the ladder stops, and the phone does not ring.
 * STOP and START as for anyone (a staff member who texts STOP is told nothing more by text). Nothing about any
 * client is in a reply.
 */
@Component
class StaffReplies {

	private final AlertActions alerts;

	private final OptOuts optOuts;

	private final SmsReplies replies;

	StaffReplies(AlertActions alerts, OptOuts optOuts, SmsReplies replies) {
		this.alerts = alerts;
		this.optOuts = optOuts;
		this.replies = replies;
	}

	SmsAnswer answer(String phone, SmsMessage message) {
		if (message instanceof SmsMessage.Acknowledge) {
			return alerts.acknowledgedByStaffPhone(phone) ? staff("ACKNOWLEDGED", replies.text("sms.staff.acknowledged"))
					: staff("NOTHING_TO_ACKNOWLEDGE", replies.text("sms.staff.nothing"));
		}
		if (message instanceof SmsMessage.OptOut) {
			optOuts.optOut(phone);
			return staff("OPT_OUT", replies.text("sms.optout"));
		}
		if (message instanceof SmsMessage.OptIn) {
			optOuts.optIn(phone);
			return staff("OPT_IN", replies.text("sms.optin"));
		}
		return staff("UNREADABLE", replies.text("sms.staff.unreadable"));
	}

	private static SmsAnswer staff(String outcome, String reply) {
		return new SmsAnswer("STAFF", outcome, reply);
	}
}
