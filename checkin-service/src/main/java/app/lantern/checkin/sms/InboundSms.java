package app.lantern.checkin.sms;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

import app.lantern.checkin.intake.CrisisVocabulary;
import app.lantern.checkin.registry.PhoneBook;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers one inbound SMS: reads it by the grammar, and hands it to the replies of whoever sent it — a client,
 * a staff member (from the phone they are reached at on call), a contact, or no one known (a neutral reply that
 * reveals nothing). The whole answer commits in one
 * transaction with the MessageSid, so Twilio's retry of the same message gets the same reply and changes
 * nothing.
 */
@Service
class InboundSms {

	private final SmsGrammar grammar;

	private final InboundLog log;

	private final PhoneBook phones;

	private final ClientReplies clients;

	private final ContactReplies contacts;

	private final StaffReplies staff;

	private final StrangerReplies strangers;

	private final MeterRegistry meters;

	private final CrisisVocabulary crisisWords;

	InboundSms(CrisisVocabulary crisisWords, InboundLog log, PhoneBook phones, ClientReplies clients,
			ContactReplies contacts, StaffReplies staff, StrangerReplies strangers, MeterRegistry meters) {
		this.staff = staff;
		this.crisisWords = crisisWords;
		this.grammar = new SmsGrammar((Predicate<String>) crisisWords::foundIn);
		this.log = log;
		this.phones = phones;
		this.clients = clients;
		this.contacts = contacts;
		this.strangers = strangers;
		this.meters = meters;

	}

	@Transactional
	public String answer(String from, String body, String messageSid) {
		return answer(from, body, messageSid, null);
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
		var client = phones.client(from);
		// a client's text is read with their programme's crisis words; anyone else's with every programme's
		SmsMessage message = client.map(known -> grammar.read(body, text -> crisisWords.foundIn(known.programme(), text)))
			.orElseGet(() -> grammar.read(body));
		SmsAnswer answer = client.map(known -> clients.answer(known, from, message, messageSid, receivedAt))
			.orElseGet(() -> phones.isStaff(from) ? staff.answer(from, message)
					: phones.isContact(from) ? contacts.answer(from, message) : strangers.answer(from, message));
		// kept with the client's id: the reply may quote their coping plan, and erasure must find it
		log.answered(messageSid, answer, client.map(PhoneBook.ClientByPhone::id).orElse(null));
		meters.counter("lantern.sms.inbound", "sender", answer.sender(), "outcome", answer.outcome()).increment();
		return answer.reply();
	}
}
