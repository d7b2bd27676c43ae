package app.lantern.platform.outbox;

import app.lantern.events.EventJson;
import app.lantern.events.LanternEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends events to the outbox inside the caller's transaction. Callers that need per-client order hold the
 * client's row lock (any update of the client row) before appending, so a later change of the same client
 * always gets a larger outbox id.
 */

public class Outbox {

	private final JdbcClient jdbc;

	private final OutboxRelay relay;

	public Outbox(JdbcClient jdbc, OutboxRelay relay) {
		this.jdbc = jdbc;
		this.relay = relay;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void append(String topic, LanternEvent event) {
		insert(topic, event.key(), EventJson.writeString(event));
	}

	/** A tombstone: on a compacted topic, removes the key's value. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void appendTombstone(String topic, String key) {
		insert(topic, key, null);
	}

	private void insert(String topic, String key, String payload) {
		jdbc.sql("insert into outbox (topic, message_key, payload) values (?, ?, ?)")
			.params(topic, key, payload)
			.update();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				relay.wakeUp();
			}
		});
	}
}
