package app.lantern.checkin.sms;

import org.springframework.stereotype.Component;

/**
 * A number no one knows: STOP is honoured all the same (a contact added later with this number is then told
 * nothing until START), START lifts it; anything else gets a neutral reply that reveals nothing.
 */
@Component
class StrangerReplies {

	private final OptOuts optOuts;

	private final SmsReplies replies;

	StrangerReplies(OptOuts optOuts, SmsReplies replies) {
		this.optOuts = optOuts;
		this.replies = replies;
	}

	SmsAnswer answer(String phone, SmsMessage message) {
		if (message instanceof SmsMessage.OptOut) {
			optOuts.optOut(phone);
			return new SmsAnswer("UNKNOWN", "OPT_OUT", replies.text("sms.optout"));
		}
		if (message instanceof SmsMessage.OptIn) {
			optOuts.optIn(phone);
			return new SmsAnswer("UNKNOWN", "OPT_IN", replies.text("sms.optin"));
		}
		return new SmsAnswer("UNKNOWN", "NEUTRAL", replies.text("sms.unknown"));
	}
}
