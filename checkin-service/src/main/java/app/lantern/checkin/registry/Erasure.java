package app.lantern.checkin.registry;

import java.time.Clock;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.events.Topics;
import app.lantern.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Erasure: a client leaves every store (see docs/privacy.md for the table of stores and what the law keeps). */
@Service
public class Erasure {

	private final JdbcClient jdbc;

	private final ClientRecords records;

	private final AuditTrail audit;

	private final Outbox outbox;

	private final Clock clock;

	Erasure(JdbcClient jdbc, ClientRecords records, AuditTrail audit, Outbox outbox, Clock clock) {
		this.jdbc = jdbc;
		this.records = records;
		this.audit = audit;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * Erases a client from every store of this service: their record, schedule, contacts, consents, check-ins
	 * (notes included), alerts with staff notes, case notes and follow-up tasks, recovery plan, appointments and attendance, the browsers their reminders go to, SMS replies (which quote the coping plan) and unsent or parked
	 * outbox records; a tombstone on the compacted profile topic makes the other services forget them (the
	 * notifier clears its deliveries' addresses and bodies). What the law keeps stays, with ids only: the audit
	 * trail and the disclosure log (when, to which role, on which channel, under which consent; no names).
	 */
	@Transactional
	public void erase(UUID clientId, String actor) {
		records.lockClient(clientId);
		jdbc.sql("delete from alert where client_id = ?").param(clientId).update();
		jdbc.sql("delete from inbound_sms where client_id = ?").param(clientId).update();
		jdbc.sql("delete from case_note where client_id = ?").param(clientId).update();
		jdbc.sql("delete from recovery_plan where client_id = ?").param(clientId).update();
		jdbc.sql("delete from appointment_occurrence where appointment_id in (select id from appointment where client_id = ?)")
			.param(clientId).update();
		jdbc.sql("delete from appointment where client_id = ?").param(clientId).update();
		jdbc.sql("delete from push_subscription where client_id = ?").param(clientId).update();
		jdbc.sql("delete from welcome_queue where client_id = ?").param(clientId).update();
		jdbc.sql("delete from follow_up where client_id = ?").param(clientId).update();
		jdbc.sql("delete from outbox_parked where message_key = ?").param(clientId.toString()).update();
		jdbc.sql("delete from outbox where message_key = ? and topic = ?")
			.params(clientId.toString(), Topics.CLIENT_MESSAGES)
			.update();
		// the accounting stays, without the names of those told (the contact's personal data, and a link to the client)
		jdbc.sql("update disclosure set recipient_name = null where client_id = ? and recipient not like 'staff:%'")
			.param(clientId).update();
		jdbc.sql("delete from client where id = ?").param(clientId).update();
		audit.record(clientId, actor, "ERASED", null, clock.instant());
		outbox.appendTombstone(Topics.CLIENT_PROFILES, clientId.toString());
	}
}
