package app.lantern.checkin.sms;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import app.lantern.checkin.CheckinProperties;
import app.lantern.checkin.checkin.CheckIns;
import app.lantern.checkin.checkin.CrisisWords;
import app.lantern.checkin.registry.Invitations;
import app.lantern.checkin.registry.ProfilePublisher;
import app.lantern.events.AlertAction;
import app.lantern.events.AlertActionType;
import app.lantern.events.CheckInChannel;
import app.lantern.events.Topics;
import app.lantern.platform.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers one inbound SMS. The whole answer — check-in, opt-out, acknowledgement — commits in one
 * transaction with the MessageSid, so Twilio's retry of the same message gets the same reply and changes
 * nothing; a crisis reply is computed before anything else can fail.
 */
@Service
class InboundSms {

	private final JdbcClient jdbc;

	private final SmsGrammar grammar;

	private final CheckIns checkIns;

	private final Invitations invitations;

	private final ProfilePublisher profiles;

	private final Outbox outbox;

	private final MessageSource replies;

	private final CheckinProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	InboundSms(JdbcClient jdbc, CrisisWords crisisWords, CheckIns checkIns, Invitations invitations, ProfilePublisher profiles, Outbox outbox,
			MessageSource replies, CheckinProperties properties, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.grammar = new SmsGrammar(crisisWords);
		this.checkIns = checkIns;
		this.invitations = invitations;
		this.profiles = profiles;
		this.outbox = outbox;
		this.replies = replies;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
	}

	private record Answer(String sender, String outcome, String reply) {
	}

	private record Client(UUID id, int threshold, List<String> copingPlan) {
	}

	@Transactional
	public String answer(String from, String body, String messageSid) {
		Optional<String> earlier = earlierReply(messageSid);
		if (earlier.isPresent()) {
			return earlier.get();
		}
		int claimed = jdbc.sql("""
				insert into inbound_sms (message_sid, received_at, sender_kind, outcome, reply)
				values (?, ?, 'PENDING', 'PENDING', '') on conflict (message_sid) do nothing""")
			.params(messageSid, Timestamp.from(clock.instant()))
			.update();
		if (claimed == 0) {
			return earlierReply(messageSid).orElseThrow();
		}
		SmsMessage message = grammar.read(body);
		Answer answer = client(from).map(client -> fromClient(client, from, message, messageSid))
			.or(() -> contactIds(from).isEmpty() ? Optional.empty() : Optional.of(fromContact(from, message)))
			.orElseGet(() -> new Answer("UNKNOWN", "NEUTRAL", reply("sms.unknown")));
		jdbc.sql("update inbound_sms set sender_kind = ?, outcome = ?, reply = ? where message_sid = ?")
			.params(answer.sender(), answer.outcome(), answer.reply(), messageSid)
			.update();
		meters.counter("lantern.sms.inbound", "sender", answer.sender(), "outcome", answer.outcome()).increment();
		return answer.reply();
	}

	private Answer fromClient(Client client, String phone, SmsMessage message, String messageSid) {
		if (message instanceof SmsMessage.CheckIn checkIn) {
			record(client, checkIn.craving(), checkIn.mood(), checkIn.used(), checkIn.note(), checkIn.crisis(), messageSid);
			if (checkIn.crisis()) {
				return new Answer("CLIENT", "CRISIS", reply("sms.crisis"));
			}
			boolean hard = checkIn.craving() != null && checkIn.craving() >= client.threshold();
			if (hard && !client.copingPlan().isEmpty()) {
				return new Answer("CLIENT", "CHECKIN", reply("sms.confirm.hard", numbered(client.copingPlan())));
			}
			return new Answer("CLIENT", "CHECKIN", reply("sms.confirm"));
		}
		if (message instanceof SmsMessage.Crisis crisis) {
			record(client, null, null, false, crisis.note(), true, messageSid);
			return new Answer("CLIENT", "CRISIS", reply("sms.crisis"));
		}
		if (message instanceof SmsMessage.OptOut) {
			optOut(phone);
			return new Answer("CLIENT", "OPT_OUT", reply("sms.optout"));
		}
		if (message instanceof SmsMessage.OptIn) {
			optIn(phone);
			return new Answer("CLIENT", "OPT_IN", reply("sms.optin"));
		}
		if (message instanceof SmsMessage.Help) {
			return new Answer("CLIENT", "HELP", help());
		}
		String why = message instanceof SmsMessage.Unreadable unreadable ? unreadable.why() : "format";
		String key = switch (why) {
			case "craving" -> "sms.unreadable.craving";
			case "mood" -> "sms.unreadable.mood";
			default -> "sms.unreadable";
		};
		return new Answer("CLIENT", "UNREADABLE", reply(key));
	}

	private Answer fromContact(String phone, SmsMessage message) {
		if (message instanceof SmsMessage.OptIn) {
			jdbc.sql("delete from opt_out where phone = ?").param(phone).update();
			invitations.confirmSms(phone);
			return new Answer("CONTACT", "OPT_IN", reply("sms.contact.confirmed"));
		}
		if (message instanceof SmsMessage.Acknowledge) {
			return acknowledgeNewestAlert(phone);
		}
		if (message instanceof SmsMessage.OptOut) {
			optOut(phone);
			return new Answer("CONTACT", "OPT_OUT", reply("sms.optout"));
		}
		if (message instanceof SmsMessage.Help) {
			return new Answer("CONTACT", "HELP", help());
		}
		if (message instanceof SmsMessage.Crisis || (message instanceof SmsMessage.CheckIn checkIn && checkIn.crisis())) {
			return new Answer("CONTACT", "CRISIS", reply("sms.contact.crisis"));
		}
		return new Answer("CONTACT", "UNREADABLE", reply("sms.contact.unreadable"));
	}

	/** OK from a contact acknowledges the newest open alert that this contact was told about. */
	private Answer acknowledgeNewestAlert(String phone) {
		Optional<UUID[]> alert = jdbc.sql("""
				select a.id, a.client_id, d.recipient from disclosure d
				join alert a on a.id = d.alert_id
				join support_contact s on s.id::text = d.recipient
				where s.phone = ? and d.status in ('SENT', 'DELIVERED') and a.state in ('RAISED', 'ESCALATED')
				order by d.at desc limit 1""")
			.param(phone)
			.query((rs, n) -> new UUID[] { rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
					UUID.fromString(rs.getString("recipient")) })
			.optional();
		if (alert.isEmpty()) {
			return new Answer("CONTACT", "NOTHING_TO_ACKNOWLEDGE", reply("sms.contact.nothing"));
		}
		UUID[] ids = alert.get();
		outbox.append(Topics.ALERT_ACTIONS, AlertAction.of(ids[0], ids[1].toString(), AlertActionType.ACKNOWLEDGE,
				AlertAction.Actor.CONTACT, ids[2].toString(), clock.instant()));
		return new Answer("CONTACT", "ACKNOWLEDGED", reply("sms.contact.acknowledged"));
	}

	private void record(Client client, Integer craving, Integer mood, boolean used, String note, boolean crisis,
			String messageSid) {
		checkIns.record(new CheckIns.NewCheckIn(client.id(), CheckInChannel.SMS, craving, mood, used, note, crisis,
				"sms:" + messageSid));
	}

	private void optOut(String phone) {
		jdbc.sql("insert into opt_out (phone, opted_out_at) values (?, ?) on conflict (phone) do nothing")
			.params(phone, Timestamp.from(clock.instant()))
			.update();
		republishFor(phone);
	}

	private void optIn(String phone) {
		jdbc.sql("delete from opt_out where phone = ?").param(phone).update();
		republishFor(phone);
	}

	/** Every client whose profile shows this number: the client's own, or a contact's. */
	private void republishFor(String phone) {
		jdbc.sql("""
				select id from client where phone = ?
				union select client_id from support_contact where phone = ? order by 1""")
			.params(phone, phone)
			.query(UUID.class)
			.list()
			.forEach(profiles::changed);
	}

	private Optional<Client> client(String phone) {
		return jdbc.sql("select id, craving_threshold, coping_plan from client where phone = ?")
			.param(phone)
			.query((rs, n) -> new Client(rs.getObject("id", UUID.class), rs.getInt("craving_threshold"),
					List.of((String[]) rs.getArray("coping_plan").getArray())))
			.optional();
	}

	private List<UUID> contactIds(String phone) {
		return jdbc.sql("select id from support_contact where phone = ?").param(phone).query(UUID.class).list();
	}

	private Optional<String> earlierReply(String messageSid) {
		return jdbc.sql("select reply from inbound_sms where message_sid = ? and outcome <> 'PENDING'")
			.param(messageSid)
			.query(String.class)
			.optional();
	}

	private String help() {
		String phone = properties.sms().programmePhone().isBlank() ? "" : " at " + properties.sms().programmePhone();
		return reply("sms.help", properties.sms().programmeName(), phone);
	}

	private static String numbered(List<String> plan) {
		return String.join("; ", IntStream.range(0, plan.size()).mapToObj(i -> (i + 1) + ") " + plan.get(i)).toList());
	}

	private String reply(String key, Object... args) {
		return replies.getMessage(key, args, Locale.US);
	}
}
