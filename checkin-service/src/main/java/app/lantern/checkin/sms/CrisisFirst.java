package app.lantern.checkin.sms;

import java.time.Instant;
import java.util.Locale;
import java.util.function.Predicate;

import app.lantern.checkin.intake.CrisisSpool;
import app.lantern.checkin.intake.CrisisVocabulary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * When an inbound SMS could not be stored (the database is down): a crisis is answered with crisis resources
 * all the same and waits in the spool to be stored once the database is back; anything else is asked to come
 * again in a few minutes. Nothing here needs the database or the broker.
 */
@Component
class CrisisFirst {

	private static final Logger log = LoggerFactory.getLogger(CrisisFirst.class);

	private final SmsGrammar grammar;

	private final CrisisSpool spool;

	private final SmsReplies replies;

	private final MeterRegistry meters;

	CrisisFirst(CrisisVocabulary crisisWords, CrisisSpool spool, SmsReplies replies, MeterRegistry meters) {
		this.grammar = new SmsGrammar((Predicate<String>) crisisWords::foundIn);
		this.spool = spool;
		this.replies = replies;
		this.meters = meters;
	}

	/** Whether the text holds words of crisis, read by the grammar alone (no database). */
	boolean isCrisis(String body) {
		SmsMessage message = grammar.read(body);
		return message instanceof SmsMessage.Crisis || (message instanceof SmsMessage.CheckIn checkIn && checkIn.crisis());
	}

	String whenStoringFails(String from, String body, String messageSid, Instant receivedAt) {
		if (!isCrisis(body)) {
			meters.counter("lantern.sms.inbound", "sender", "UNKNOWN", "outcome", "NOT_STORED").increment();
			return replies.text("sms.unavailable");
		}
		try {
			spool.spool(CrisisSpool.Spooled.sms(from, body, messageSid, receivedAt));
		}
		catch (RuntimeException ex) {
			log.error("A crisis SMS could be neither stored nor spooled: it was answered with crisis resources", ex);
		}
		meters.counter("lantern.sms.inbound", "sender", "UNKNOWN", "outcome", "CRISIS_SPOOLED").increment();
		// no one can say now whether anyone can be told: the resources alone, and the programme's line
		return replies.crisis(Locale.ENGLISH, false);
	}
}
