package app.lantern.checkin.registry;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The welcomes of an import, paced at the rate Twilio sends from one number ({@code lantern.import.welcomes-per-
 * second}, 1 by default: a long code's rate) so that a file of ten thousand does not become ten thousand sends
 * at once, nor hold the reminders queued behind them. Each client waits in {@code welcome_queue} with the moment
 * their welcome goes (after those already waiting); each second the due ones are taken — at most as many as the
 * rate allows since the last look, so welcomes overdue after a pause still go paced — and each gets a fresh
 * private link (made then, so no link waits anywhere) and their welcome on the outbox, in one transaction.
 */
@Component
class WelcomePacer {

	/** The most welcomes taken in one look. */
	static final int MOST_AT_ONCE = 200;

	private final JdbcClient jdbc;

	private final CheckInLinks links;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Duration gap;

	private final double perSecond;

	/** When the pacer last looked (null: not yet in this instance). */
	private Instant lastLook;

	WelcomePacer(JdbcClient jdbc, CheckInLinks links, TransactionTemplate transactions,
			Clock clock, @Value("${lantern.import.welcomes-per-second:1}") double perSecond) {
		this.jdbc = jdbc;
		this.links = links;
		this.transactions = transactions;
		this.clock = clock;
		this.perSecond = Math.max(0.001, perSecond);
		this.gap = Duration.ofNanos((long) (1_000_000_000L / this.perSecond));
	}

	/** When the first and the last of the welcomes queued go (null, null: none). */
	record Paced(Instant from, Instant until) {
	}

	/** Queues the clients' welcomes, one gap apart, after those already waiting. */
	Paced queue(List<UUID> clients) {
		if (clients.isEmpty()) {
			return new Paced(null, null);
		}
		return transactions.execute(status -> {
			jdbc.sql("lock table welcome_queue in share row exclusive mode").update();
			Instant last = jdbc.sql("select max(send_at) from welcome_queue").query(Timestamp.class).optional()
				.map(Timestamp::toInstant).orElse(null);
			Instant now = clock.instant();
			Instant first = last == null || last.isBefore(now) ? now : last.plus(gap);
			Timestamp[] at = new Timestamp[clients.size()];
			for (int i = 0; i < at.length; i++) {
				at[i] = Timestamp.from(first.plus(gap.multipliedBy(i)));
			}
			jdbc.sql("insert into welcome_queue (client_id, send_at) select * from unnest(?, ?)")
				.params(clients.toArray(UUID[]::new), at)
				.update();
			return new Paced(first, at[at.length - 1].toInstant());
		});
	}

	/** Sends the welcomes whose moment has come, at most the rate's share since the last look; answers how many. */
	@Scheduled(fixedDelayString = "${lantern.import.welcome-every:1s}")
	synchronized int sendDue() {
		Instant now = clock.instant();
		double since = lastLook == null ? 1 : Math.max(0, Duration.between(lastLook, now).toMillis() / 1000.0);
		int allowed = (int) Math.min(MOST_AT_ONCE, Math.max(1, Math.floor(since * perSecond)));
		lastLook = now;
		Integer sent = transactions.execute(status -> {
			List<UUID> due = jdbc.sql("""
					delete from welcome_queue where client_id in (select client_id from welcome_queue where send_at <= ?
					  order by send_at limit ? for update skip locked)
					returning client_id""")
				.params(Timestamp.from(now), allowed)
				.query(UUID.class)
				.list();
			// a fresh link for each, made now: the one made at the import was never sent, and stops working
			due.forEach(client -> links.rotateLink(client, "import"));
			return due.size();
		});
		return sent == null ? 0 : sent;
	}
}
