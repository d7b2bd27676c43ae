package app.lantern.platform.outbox;

import java.util.Arrays;
import java.util.List;

import app.lantern.events.EventJson;
import app.lantern.events.LanternEvent;
import app.lantern.platform.tracing.TraceParent;
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

	private final TraceParent traces;

	public Outbox(JdbcClient jdbc, OutboxRelay relay, TraceParent traces) {
		this.jdbc = jdbc;
		this.relay = relay;
		this.traces = traces;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void append(String topic, LanternEvent event) {
		insert(topic, event.key(), EventJson.writeString(event));
	}

	/**
	 * Makes a change and appends the event in one statement — one round trip, atomic without a transaction of
	 * the caller's: {@code change} is a data-modifying statement with {@code returning}, and the event is
	 * appended only if it changed a row. Returns whether it did.
	 */
	public boolean appendWith(String change, Object[] changeParams, String topic, LanternEvent event) {
		Object[] params = Arrays.copyOf(changeParams, changeParams.length + 4);
		params[changeParams.length] = topic;
		params[changeParams.length + 1] = event.key();
		params[changeParams.length + 2] = EventJson.writeString(event);
		params[changeParams.length + 3] = traces.current();
		int appended = jdbc.sql("with change as (" + change + ") "
				+ "insert into outbox (topic, message_key, payload, trace_parent) select ?, ?, ?, ? from change")
			.params(params)
			.update();
		wakeUp();
		return appended > 0;
	}

	/**
	 * Makes many changes and appends their events in one statement — the batch form of {@link #appendWith}:
	 * {@code change} is a data-modifying statement over the rows numbered 1, 2, … as {@code events} are, with
	 * {@code returning n} naming each row it changed; event n is appended only if row n changed, in the order given.
	 * {@code traceParents} as for {@link #appendAll}. Returns how many were appended.
	 */
	public int appendEachWith(String change, Object[] changeParams, String topic, List<? extends LanternEvent> events,
			List<String> traceParents) {
		if (events.isEmpty()) {
			return 0;
		}
		Object[] params = Arrays.copyOf(changeParams, changeParams.length + 4);
		params[changeParams.length] = topic;
		params[changeParams.length + 1] = events.stream().map(LanternEvent::key).toArray(String[]::new);
		params[changeParams.length + 2] = events.stream().map(EventJson::writeString).toArray(String[]::new);
		params[changeParams.length + 3] = traceParents.toArray(String[]::new);
		int appended = jdbc.sql("with change as (" + change + ") "
				+ "insert into outbox (topic, message_key, payload, trace_parent) "
				+ "select ?, e.message_key, e.payload, e.trace_parent from change "
				+ "join unnest(?::text[], ?::text[], ?::text[]) with ordinality as e(message_key, payload, trace_parent, n) "
				+ "on e.n = change.n order by e.n")
			.params(params)
			.update();
		wakeUp();
		return appended;
	}

	/**
	 * Appends many events in one statement, in the order given (a later event of the same key gets a larger id).
	 * {@code traceParents} are the traces of the requests they came from ({@link #currentTrace()} on each request's
	 * thread), null where there was none.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void appendAll(String topic, List<? extends LanternEvent> events, List<String> traceParents) {
		if (events.isEmpty()) {
			return;
		}
		String[] keys = events.stream().map(LanternEvent::key).toArray(String[]::new);
		String[] payloads = events.stream().map(EventJson::writeString).toArray(String[]::new);
		jdbc.sql("""
				insert into outbox (topic, message_key, payload, trace_parent)
				select ?, e.message_key, e.payload, e.trace_parent
				from unnest(?::text[], ?::text[], ?::text[]) with ordinality as e(message_key, payload, trace_parent, n)
				order by e.n""")
			.params(topic, keys, payloads, traceParents.toArray(String[]::new))
			.update();
		wakeUpAfterCommit();
	}

	/** This thread's trace, to append with an event that another thread will write ({@link #appendAll}). */
	public String currentTrace() {
		return traces.current();
	}

	/** A tombstone: on a compacted topic, removes the key's value. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void appendTombstone(String topic, String key) {
		insert(topic, key, null);
	}

	private void insert(String topic, String key, String payload) {
		// the request's trace goes with the event: the relay puts it in the Kafka record's headers
		jdbc.sql("insert into outbox (topic, message_key, payload, trace_parent) values (?, ?, ?, ?)")
			.params(topic, key, payload, traces.current())
			.update();
		wakeUpAfterCommit();
	}

	/** The relay woken once what was appended can be read: at once, or after the caller's transaction commits. */
	private void wakeUp() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			wakeUpAfterCommit();
		}
		else {
			relay.wakeUp();
		}
	}

	private void wakeUpAfterCommit() {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				relay.wakeUp();
			}
		});
	}
}
