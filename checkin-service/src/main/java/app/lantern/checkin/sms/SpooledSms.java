package app.lantern.checkin.sms;

import app.lantern.checkin.intake.CrisisSpool;
import org.springframework.stereotype.Component;

/** A crisis SMS that waited in the spool: answered as it would have been, by its MessageSid, once. */
@Component
class SpooledSms implements CrisisSpool.Store {

	private final InboundSms inbound;

	SpooledSms(InboundSms inbound) {
		this.inbound = inbound;
	}

	@Override
	public String channel() {
		return "SMS";
	}

	@Override
	public void store(CrisisSpool.Spooled crisis) {
		// the client was answered when it arrived; this reply goes nowhere
		inbound.answer(crisis.from(), crisis.body(), crisis.messageSid(), crisis.receivedAt());
	}
}
