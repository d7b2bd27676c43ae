package app.lantern.checkin.sms;

import java.time.Instant;
import java.util.Optional;

import app.lantern.checkin.intake.CrisisSpool;
import app.lantern.checkin.intake.CrisisWords;
import app.lantern.checkin.registry.PhoneBook;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers one inbound SMS: reads it by the grammar, and hands it to the replies of whoever sent it — a client,
 * a contact, or no one known (a neutral reply that reveals nothing). The whole answer commits in one
 * transaction with the MessageSid, so Twilio's retry of the same message gets the same reply and changes
 * nothing.
 */
@Service
class InboundSms {

	private static final Logger logger = LoggerFactory.getLogger(InboundSms.class);

	private final SmsGrammar grammar;

	private final InboundLog log;

	private final PhoneBook phones;

	private final ClientReplies clients;

	private final ContactReplies contacts;

	private final SmsReplies replies;

	private final OptOuts optOuts;

	private final MeterRegistry meters;

	private final CrisisSpool spool;

	InboundSms(CrisisWords crisisWords, InboundLog log, PhoneBook phones, ClientReplies clients,
			ContactReplies contacts, SmsReplies replies, OptOuts optOuts, MeterRegistry meters, CrisisSpool spool) {
		this.grammar = new SmsGrammar(crisisWords);
		this.log = log;
		this.phones = phones;
		this.clients = clients;
		this.contacts = contacts;
		this.replies = replies;
		this.optOuts = optOuts;
		this.meters = meters;
		this.spool = spool;
	}

	/**
	 * A number no one knows: STOP is honoured all the same (a contact added later with this number is then told
	 * nothing until START), START lifts it; anything else gets a neutral reply that reveals nothing.
	 */
	private SmsAnswer stranger(String phone, SmsMessage message) {
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

	@Transactional
	public String answer(String from, String body, String messageSid) {
		return answer(from, body, messageSid, null);
	}

	/**
	 * When the answer could not be stored (the database is down): a crisis is answered with crisis resources all
	 * the same and waits in the spool to be stored once the database is back; anything else is asked to come
	 * again in a few minutes. Nothing here needs the database or the broker.
	 */
	public String whenStoringFails(String from, String body, String messageSid, Instant receivedAt) {
		SmsMessage message = grammar.read(body);
		boolean crisis = message instanceof SmsMessage.Crisis
				|| (message instanceof SmsMessage.CheckIn checkIn && checkIn.crisis());
		if (!crisis) {
			return replies.text("sms.unavailable");
		}
		try {
			spool.spool(CrisisSpool.Spooled.sms(from, body, messageSid, receivedAt));
		}
		catch (RuntimeException ex) {
			logger.error("A crisis SMS could be neither stored nor spooled: it was answered with crisis resources", ex);
		}
		meters.counter("lantern.sms.inbound", "sender", "UNKNOWN", "outcome", "CRISIS_SPOOLED").increment();
		return replies.text("sms.crisis");
	}

	/** As {@link #answer(String, String, String)}, for a message that arrived at {@code receivedAt} (from the spool). */
	@Transactional
	public String answer(String from, String body, String messageSid, Instant receivedAt) {
		Optional<String> earlier = log.earlierReply(messageSid);
		if (earlier.isPresent()) {
			return earlier.get();
		}
		if (!log.claim(messageSid)) {
			return log.earlierReply(messageSid).orElseThrow();
		}
		SmsMessage message = grammar.read(body);
		SmsAnswer answer = phones.client(from)
			.map(client -> clients.answer(client, from, message, messageSid, receivedAt))
			.orElseGet(() -> phones.isContact(from) ? contacts.answer(from, message) : stranger(from, message));
		log.answered(messageSid, answer);
		meters.counter("lantern.sms.inbound", "sender", answer.sender(), "outcome", answer.outcome()).increment();
		return answer.reply();
	}
}
