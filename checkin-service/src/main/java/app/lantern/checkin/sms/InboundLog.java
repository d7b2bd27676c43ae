package app.lantern.checkin.sms;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every inbound SMS by its MessageSid, with the reply it got: Twilio may deliver the same message again, and
 * it must get the same reply and change nothing.
 */
@Component
class InboundLog {

	private final JdbcClient jdbc;

	private final Clock clock;

	InboundLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The reply given to this message before, if it was answered. */
	Optional<String> earlierReply(String messageSid) {
		return jdbc.sql("select reply from inbound_sms where message_sid = ? and outcome <> 'PENDING'")
			.param(messageSid)
			.query(String.class)
			.optional();
	}

	/** Claims the message for this transaction; false when another request holds it already. */
	boolean claim(String messageSid) {
		return jdbc.sql("""
				insert into inbound_sms (message_sid, received_at, sender_kind, outcome, reply)
				values (?, ?, 'PENDING', 'PENDING', '') on conflict (message_sid) do nothing""")
			.params(messageSid, Timestamp.from(clock.instant()))
			.update() > 0;
	}

	void answered(String messageSid, SmsAnswer answer, UUID clientId) {
		jdbc.sql("update inbound_sms set sender_kind = ?, outcome = ?, reply = ?, client_id = ? where message_sid = ?")
			.params(answer.sender(), answer.outcome(), answer.reply(), clientId, messageSid)
			.update();
	}
}
