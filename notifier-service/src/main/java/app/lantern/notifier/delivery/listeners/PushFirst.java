package app.lantern.notifier.delivery.listeners;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.EventJson;
import app.lantern.notifier.channels.WebPush;
import app.lantern.notifier.delivery.Intent;
import app.lantern.notifier.delivery.steps.Messages;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A reminder to a client who allowed notifications goes to their browsers first, once: claimed by its message id
 * ({@code push_delivery}), pushed, and marked PUSHED or FAILED. Not pushed — no browser, push off, a push service
 * that did not take it, or a push whose outcome a crash left unknown — it goes by SMS as ever: a reminder twice is
 * better than none. Counted in {@code lantern.push} by outcome.
 */
@Component
class PushFirst {

	private final WebPush push;

	private final Messages messages;

	private final JdbcClient jdbc;

	private final MeterRegistry meters;

	private final Clock clock;

	PushFirst(WebPush push, Messages messages, JdbcClient jdbc, MeterRegistry meters, Clock clock) {
		this.push = push;
		this.messages = messages;
		this.jdbc = jdbc;
		this.meters = meters;
		this.clock = clock;
	}

	/** Whether the reminder of {@code intent} went to the client's browsers; false: it is to go by SMS. */
	boolean pushed(Intent intent, UUID messageId) {
		ClientProfile profile = intent.profile();
		if (!push.enabled() || profile.pushSubscriptions().isEmpty() || profile.status() != ClientStatus.ACTIVE) {
			return false;
		}
		boolean claimed = jdbc.sql("""
				insert into push_delivery (message_id, state, at) values (?, 'SENDING', ?)
				on conflict (message_id) do nothing""")
			.params(messageId, Timestamp.from(clock.instant()))
			.update() == 1;
		if (!claimed) {
			return jdbc.sql("select state from push_delivery where message_id = ?").param(messageId)
				.query(String.class).single().equals("PUSHED");
		}
		String payload = EventJson.writeString(Map.of("title", "Lantern", "body", messages.render(intent).body(),
				"tag", intent.claim().kind().name()));
		boolean taken = push.push(profile.pushSubscriptions(), payload);
		jdbc.sql("update push_delivery set state = ?, at = ? where message_id = ?")
			.params(taken ? "PUSHED" : "FAILED", Timestamp.from(clock.instant()), messageId)
			.update();
		meters.counter("lantern.push", "outcome", taken ? "pushed" : "failed").increment();
		return taken;
	}
}
