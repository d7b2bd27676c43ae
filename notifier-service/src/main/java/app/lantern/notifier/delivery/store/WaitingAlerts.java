package app.lantern.notifier.delivery.store;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import app.lantern.events.AlertEvent;
import app.lantern.events.EventJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Alerts that cannot be decided yet: the client's profile, or the version the alert was raised under, has not
 * reached the notifier (profiles and alerts come on separate topics and consumers). They wait here in order per
 * client — an alert of a client with earlier alerts waiting waits behind them — while every other client's
 * alerts go on; {@link AlertDeliveries} takes them up as their profiles arrive. Persistence only.
 */
@Component
public class WaitingAlerts {

	/** An alert taken from the waiting room, with its place in it. */
	public record Waiting(long seq, AlertEvent alert) {
	}

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate transactions;

	private final Clock clock;

	WaitingAlerts(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** The clients among these with alerts waiting. */
	public Set<String> clientsWaiting(Collection<String> clientIds) {
		if (clientIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("select distinct client_id from waiting_alert where client_id = any(?)")
			.param(clientIds.stream().distinct().toArray(String[]::new))
			.query(String.class)
			.list());
	}

	/** Puts these alerts, in this order, at the back of their clients' queues. */
	public void add(List<AlertEvent> alerts) {
		Timestamp now = Timestamp.from(clock.instant());
		jdbcTemplate.batchUpdate("""
				insert into waiting_alert (client_id, alert_id, needs_version, payload, received_at)
				values (?, ?, ?, ?, ?)""", alerts.stream()
			.map(alert -> new Object[] { alert.clientId(), alert.alertId(), alert.needsProfileVersion(),
					EventJson.writeString(alert), now })
			.toList());
	}

	/**
	 * The alerts at the front of their clients' queues whose profile has arrived (as new as they need), in order,
	 * leased for {@code lease} so that another instance leaves them alone; a client's alerts stop at the first that
	 * must still wait.
	 */
	public List<Waiting> takeReady(int limit, Duration lease) {
		return transactions.execute(status -> takeReadyNow(limit, lease));
	}

	private List<Waiting> takeReadyNow(int limit, Duration lease) {
		Instant now = clock.instant();
		// every waiting row in order, the leased ones too: an alert in another instance's hands holds its
		// client's later alerts back
		List<Object[]> rows = jdbc.sql("""
				select w.seq, w.client_id, w.payload, w.needs_version, w.leased_until, p.version
				from waiting_alert w left join client_profile p on p.client_id = w.client_id
				order by w.seq limit ? for update of w""")
			.param(limit)
			.query((rs, n) -> new Object[] { rs.getLong("seq"), rs.getString("client_id"), rs.getString("payload"),
					rs.getLong("needs_version"), rs.getTimestamp("leased_until"), rs.getObject("version") })
			.list();
		Set<String> blocked = new HashSet<>();
		List<Waiting> ready = new ArrayList<>();
		for (Object[] row : rows) {
			String client = (String) row[1];
			Timestamp leased = (Timestamp) row[4];
			Long held = row[5] == null ? null : ((Number) row[5]).longValue();
			if (blocked.contains(client) || (leased != null && leased.toInstant().isAfter(now)) || held == null
					|| held < (Long) row[3]) {
				blocked.add(client);
				continue;
			}
			ready.add(new Waiting((Long) row[0], EventJson.read((String) row[2], AlertEvent.class)));
		}
		if (!ready.isEmpty()) {
			jdbc.sql("update waiting_alert set leased_until = ? where seq = any(?)")
				.params(Timestamp.from(now.plus(lease)), ready.stream().map(Waiting::seq).toArray(Long[]::new))
				.update();
		}
		return ready;
	}

	/** How many alerts wait, and since when the oldest (null when none). */
	public record Count(long waiting, Instant oldest) {
	}

	public Count count() {
		return jdbc.sql("select count(*), min(received_at) from waiting_alert")
			.query((rs, n) -> new Count(rs.getLong(1),
					rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()))
			.single();
	}

	public void remove(List<Waiting> done) {
		if (!done.isEmpty()) {
			jdbc.sql("delete from waiting_alert where seq = any(?)")
				.param(done.stream().map(Waiting::seq).toArray(Long[]::new))
				.update();
		}
	}
}
