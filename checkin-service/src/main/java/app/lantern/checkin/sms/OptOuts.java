package app.lantern.checkin.sms;

import java.sql.Timestamp;
import java.time.Clock;

import app.lantern.checkin.oncall.OnCallRotaStore;
import app.lantern.checkin.registry.ProfilePublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one owner of opt-outs: STOP and its synonyms from any number, client's, contact's or staff member's, and
 * START or YES back. Every profile that shows the number is published again (and the rota, for a staff member's), so
 * the notifier honours it before its next send.
 */
@Component
public class OptOuts {

	private final JdbcClient jdbc;

	private final ProfilePublisher profiles;

	private final OnCallRotaStore rota;

	private final Clock clock;

	OptOuts(JdbcClient jdbc, ProfilePublisher profiles, OnCallRotaStore rota, Clock clock) {
		this.jdbc = jdbc;
		this.profiles = profiles;
		this.rota = rota;
		this.clock = clock;
	}

	void optOut(String phone) {
		jdbc.sql("insert into opt_out (phone, opted_out_at) values (?, ?) on conflict (phone) do nothing")
			.params(phone, Timestamp.from(clock.instant()))
			.update();
		profiles.changedForPhone(phone);
		rota.phoneOptedInOrOut(phone);
	}

	/**
	 * The number replied STOP to Twilio's own opt-out handling (a Messaging Service's; Twilio then refuses every
	 * message to it with 21610): the same as a STOP to Lantern, everywhere the number appears.
	 */
	@Transactional
	public void stoppedAtTwilio(String phone) {
		optOut(phone);
	}

	void optIn(String phone) {
		jdbc.sql("delete from opt_out where phone = ?").param(phone).update();
		profiles.changedForPhone(phone);
		rota.phoneOptedInOrOut(phone);
	}
}
