package app.lantern.checkin.sms;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import app.lantern.checkin.intake.CrisisDeadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where every inbound SMS is answered — Twilio's webhook and the sandbox's simulator alike: the grammar, the
 * record, the reply; and when storing fails (the database down), a crisis still gets crisis resources and waits
 * in the spool.
 */
@Component
public class SmsInbox {

	private static final Logger log = LoggerFactory.getLogger(SmsInbox.class);

	private final InboundSms inbound;

	private final CrisisFirst crisisFirst;

	private final CrisisDeadline deadline;

	private final Clock clock;

	SmsInbox(InboundSms inbound, CrisisFirst crisisFirst, CrisisDeadline deadline, Clock clock) {
		this.inbound = inbound;
		this.crisisFirst = crisisFirst;
		this.deadline = deadline;
		this.clock = clock;
	}

	/**
	 * The reply to {@code body} from {@code from}; the same {@code messageSid} again gets the same reply. Words of
	 * crisis wait on the database at most {@link CrisisDeadline}'s second: a database that hangs answers them from
	 * the spool.
	 */
	public String receive(String from, String body, String messageSid) {
		Instant received = clock.instant();
		String text = body == null ? "" : body;
		try {
			if (!crisisFirst.isCrisis(text)) {
				return inbound.answer(from, text, messageSid);
			}
			Optional<String> answered = deadline.within(() -> inbound.answer(from, text, messageSid));
			if (answered.isPresent()) {
				return answered.get();
			}
			log.warn("A crisis SMS was not stored within the wait: the database hangs; answered from the spool");
		}
		catch (RuntimeException storingFailed) {
			log.warn("An inbound SMS could not be stored: {}", storingFailed.getClass().getName());
		}
		return crisisFirst.whenStoringFails(from, text, messageSid, received);
	}
}
