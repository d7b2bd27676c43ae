package app.lantern.notifier.delivery.listeners;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import app.lantern.notifier.delivery.store.WaitingAlerts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What waits, and for how long, by cause: {@code lantern_deliveries_waiting{cause}} and
 * {@code lantern_deliveries_waiting_oldest_seconds{cause}}. Causes: {@code profile} (an alert whose client's
 * profile has not arrived), {@code retry} (a delivery that failed and waits for its next attempt, or for its
 * channel to come back), {@code quiet-hours} (deferred until the contact's morning) and {@code in-flight} (handed
 * to a channel, answer not recorded yet). Counted every few seconds from the database, never on a scrape, so a
 * database that hangs cannot hang the metrics endpoint; while it is away the last figures stay.
 */
@Component
class WaitingGauges {

	private static final Logger log = LoggerFactory.getLogger(WaitingGauges.class);

	static final List<String> CAUSES = List.of("profile", "retry", "quiet-hours", "in-flight");

	private final JdbcClient jdbc;

	private final WaitingAlerts alerts;

	private final Clock clock;

	private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> oldest = new ConcurrentHashMap<>();

	WaitingGauges(JdbcClient jdbc, WaitingAlerts alerts, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.alerts = alerts;
		this.clock = clock;
		for (String cause : CAUSES) {
			Gauge.builder("lantern.deliveries.waiting", counts.computeIfAbsent(cause, any -> new AtomicLong()),
					AtomicLong::get)
				.description("alerts and deliveries waiting, by cause")
				.tag("cause", cause)
				.register(meters);
			Gauge.builder("lantern.deliveries.waiting.oldest", oldest.computeIfAbsent(cause, any -> new AtomicLong()),
					AtomicLong::get)
				.description("how long the oldest of them has waited")
				.baseUnit("seconds")
				.tag("cause", cause)
				.register(meters);
		}
	}

	@Scheduled(fixedDelay = 5000, initialDelay = 1000)
	void count() {
		try {
			Instant now = clock.instant();
			WaitingAlerts.Count profile = alerts.count();
			set("profile", profile.waiting(), profile.oldest(), now);
			for (String cause : List.of("retry", "quiet-hours", "in-flight")) {
				set(cause, 0, null, now);
			}
			jdbc.sql("""
					select case when attempts > 0 then 'retry'
					            when reason = 'QUIET_HOURS_DEFERRED' then 'quiet-hours'
					            when in_flight_since is not null then 'in-flight'
					            else 'retry' end as cause,
					  count(*) as waiting, min(created_at) as oldest
					from delivery where status = 'QUEUED' and next_attempt_at is not null group by 1""")
				.query(rs -> {
					set(rs.getString("cause"), rs.getLong("waiting"), rs.getTimestamp("oldest").toInstant(), now);
				});
		}
		catch (RuntimeException ex) {
			log.debug("Waiting deliveries not counted now: {}", ex.toString());
		}
	}

	private void set(String cause, long waiting, Instant since, Instant now) {
		counts.get(cause).set(waiting);
		oldest.get(cause).set(since == null ? 0 : Math.max(0, Duration.between(since, now).toSeconds()));
	}
}
