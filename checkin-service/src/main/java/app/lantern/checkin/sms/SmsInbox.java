package app.lantern.checkin.sms;

import java.time.Clock;
import java.time.Instant;

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

	private final Clock clock;

	SmsInbox(InboundSms inbound, CrisisFirst crisisFirst, Clock clock) {
		this.inbound = inbound;
		this.crisisFirst = crisisFirst;
		this.clock = clock;
	}

	/** The reply to {@code body} from {@code from}; the same {@code messageSid} again gets the same reply. */
	public String receive(String from, String body, String messageSid) {
		Instant received = clock.instant();
		try {
			return inbound.answer(from, body == null ? "" : body, messageSid);
		}
		catch (RuntimeException storingFailed) {
			log.warn("An inbound SMS could not be stored: {}", storingFailed.getClass().getName());
			return crisisFirst.whenStoringFails(from, body == null ? "" : body, messageSid, received);
		}
	}
}
