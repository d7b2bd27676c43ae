package app.lantern.checkin.sms;

import java.time.Instant;

import app.lantern.checkin.appointments.Attendances;
import app.lantern.checkin.intake.CheckIns;
import app.lantern.checkin.oncall.CrisisReach;
import app.lantern.checkin.registry.Aways;
import app.lantern.checkin.registry.CheckInLinks;
import app.lantern.checkin.registry.RecoveryPlans;
import app.lantern.checkin.registry.PhoneBook;
import app.lantern.events.CheckInChannel;
import org.springframework.stereotype.Component;

/**
 * A client's text: a check-in (with their coping plan in the reply on a hard day), a crisis (answered with
 * crisis resources, and "we are letting your support team know" only when someone can be told), STOP or START, HELP,
 * AWAY n or BACK, REVOKE (a new private link, to stop a consent on), Y or N after an appointment (YES answers one too
 * when a question waits), or a friendly example when it could not be read.
 */
@Component
class ClientReplies {

	private final CheckIns checkIns;

	private final OptOuts optOuts;

	private final SmsReplies replies;

	private final Aways aways;

	private final CrisisReach crisisReach;

	private final CheckInLinks links;

	private final RecoveryPlans plans;

	private final Attendances attendances;

	ClientReplies(CheckIns checkIns, OptOuts optOuts, SmsReplies replies, Aways aways, CrisisReach crisisReach,
			CheckInLinks links, RecoveryPlans plans, Attendances attendances) {
		this.plans = plans;
		this.attendances = attendances;
		this.links = links;
		this.checkIns = checkIns;
		this.optOuts = optOuts;
		this.replies = replies;
		this.aways = aways;
		this.crisisReach = crisisReach;
	}

	SmsAnswer answer(PhoneBook.ClientByPhone client, String phone, SmsMessage message, String messageSid,
			Instant receivedAt) {
		if (client.discharged() && !(message instanceof SmsMessage.OptOut || message instanceof SmsMessage.OptIn
				|| message instanceof SmsMessage.Help)) {
			// the programme has ended: nothing is recorded or told; words of crisis still get the crisis line
			boolean crisis = message instanceof SmsMessage.Crisis
					|| (message instanceof SmsMessage.CheckIn checkIn && checkIn.crisis());
			return client(crisis ? "CRISIS" : "ENDED", replies.text(client.locale(), crisis ? "sms.crisis.ended" : "sms.ended"));
		}
		if (message instanceof SmsMessage.CheckIn checkIn) {
			record(client, checkIn.craving(), checkIn.mood(), checkIn.used(), checkIn.note(), checkIn.crisis(),
					messageSid, receivedAt);
			if (checkIn.crisis()) {
				return client("CRISIS", replies.crisis(client.locale(), crisisReach.supportTeamIsTold(client.id()), client.smsName(),
					client.smsPhone()));
			}
			boolean hard = RecoveryPlans.hardDay(checkIn.craving(), checkIn.mood(), checkIn.used(), client.cravingThreshold());
			if (hard && !client.copingPlan().isEmpty()) {
				return client("CHECKIN", replies.text(client.locale(), "sms.confirm.hard", SmsReplies.numbered(client.copingPlan())));
			}
			return client("CHECKIN", replies.text(client.locale(), "sms.confirm"));
		}
		if (message instanceof SmsMessage.Crisis crisis) {
			record(client, null, null, false, crisis.note(), true, messageSid, receivedAt);
			return client("CRISIS", replies.crisis(client.locale(), crisisReach.supportTeamIsTold(client.id()), client.smsName(),
					client.smsPhone()));
		}
		if (message instanceof SmsMessage.OptOut) {
			optOuts.optOut(phone);
			return client("OPT_OUT", replies.text(client.locale(), "sms.optout"));
		}
		if (message instanceof SmsMessage.Attendance attendance) {
			return attended(client, attendance.attended());
		}
		if (message instanceof SmsMessage.OptIn optIn && optIn.yes()) {
			SmsAnswer answered = attended(client, true);
			if (!answered.outcome().equals("ATTENDANCE_NONE")) {
				return answered;
			}
		}
		if (message instanceof SmsMessage.OptIn) {
			optOuts.optIn(phone);
			return client("OPT_IN", replies.text(client.locale(), "sms.optin"));
		}
		if (message instanceof SmsMessage.Help) {
			return client("HELP", replies.help(client.locale(), client.smsName(), client.smsPhone()));
		}
		if (message instanceof SmsMessage.Away away) {
			Aways.Away answer = aways.start(client.id(), away.days(), receivedAt);
			if (answer.refused()) {
				return client("AWAY_REFUSED", replies.text(client.locale(), answer.maxDays() == 0 ? "sms.away.off" : "sms.away.refused",
						answer.maxDays()));
			}
			return client("AWAY", replies.text(client.locale(), "sms.away", replies.when(answer.until(), client.timezone(), client.locale())));
		}
		if (message instanceof SmsMessage.Plan) {
			return client("PLAN", replies.plan(client.locale(), plans.current(client.id())));
		}
		if (message instanceof SmsMessage.Revoke) {
			// the page where they stop a consent is behind their private link, which only they hold (only its hash is
			// kept here): a new one is texted to them, and the reply says where to go
			links.rotateLink(client.id(), "client");
			return client("REVOKE", replies.text(client.locale(), "sms.revoke"));
		}
		if (message instanceof SmsMessage.Back) {
			return client("BACK", replies.text(client.locale(), aways.end(client.id(), "client") ? "sms.back" : "sms.back.none"));
		}
		String why = message instanceof SmsMessage.Unreadable unreadable ? unreadable.why() : "format";
		String key = switch (why) {
			case "craving" -> "sms.unreadable.craving";
			case "mood" -> "sms.unreadable.mood";
			default -> "sms.unreadable";
		};
		return client("UNREADABLE", replies.text(client.locale(), key));
	}

	/** Y or N: the answer to the last appointment question, or a word that none waits. */
	private SmsAnswer attended(PhoneBook.ClientByPhone client, boolean attended) {
		return attendances.answerLast(client.id(), attended, "SMS")
			.map(answered -> client("ATTENDANCE", replies.text(client.locale(),
					attended ? "sms.attendance.yes" : "sms.attendance.no")))
			.orElseGet(() -> client("ATTENDANCE_NONE", replies.text(client.locale(), "sms.attendance.none")));
	}

	private void record(PhoneBook.ClientByPhone client, Integer craving, Integer mood, boolean used, String note,
			boolean crisis, String messageSid, Instant receivedAt) {
		checkIns.record(new CheckIns.NewCheckIn(client.id(), CheckInChannel.SMS, craving, mood, used, note, crisis,
				"sms:" + messageSid, receivedAt));
	}

	private static SmsAnswer client(String outcome, String reply) {
		return new SmsAnswer("CLIENT", outcome, reply);
	}
}
