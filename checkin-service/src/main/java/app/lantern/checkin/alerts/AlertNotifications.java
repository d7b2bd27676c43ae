package app.lantern.checkin.alerts;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Tells this instance when the alert read model changed on any instance. Whichever instance's listener holds
 * the alert's partition writes the row and, in the same statement, {@code NOTIFY}s; PostgreSQL delivers the
 * notification to every instance once the write has committed, so a browser that reloads on it sees the new
 * row wherever it is connected. One connection of its own (not the pool's) sits in {@code LISTEN}; when it is
 * lost it is opened again with back-off, and a {@link Changed} is published after each reconnection because
 * notifications sent meanwhile are lost.
 */
@Component
public class AlertNotifications implements SmartLifecycle {

	static final String CHANNEL = "lantern_alert_changed";

	private static final Logger log = LoggerFactory.getLogger(AlertNotifications.class);

	private static final Duration PROBE_AFTER = Duration.ofSeconds(30);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

	private final JdbcConnectionDetails database;

	private final ApplicationEventPublisher events;

	private volatile boolean running;

	private final CountDownLatch stopping = new CountDownLatch(1);

	private Thread listener;

	/** The alert read model changed (on this instance or another); the console's live views fetch again. */
	/** {@code programme}: whose client's alert changed; null when any may have (after a reconnection). */
	public record Changed(String programme) {
	}

	AlertNotifications(JdbcConnectionDetails database, ApplicationEventPublisher events) {
		this.database = database;
		this.events = events;
	}

	@Override
	public void start() {
		running = true;
		listener = new Thread(this::listen, "alert-notifications");
		listener.setDaemon(true);
		listener.start();
	}

	@Override
	public void stop() {
		running = false;
		stopping.countDown();
		listener.interrupt();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void listen() {
		long backoff = 250;
		boolean reconnected = false;
		while (running) {
			try (Connection connection = DriverManager.getConnection(database.getJdbcUrl(),
					database.getUsername(), database.getPassword())) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("listen " + CHANNEL);
				}
				if (reconnected) {
					log.info("Live alert notifications heard again");
					events.publishEvent(new Changed(null));
				}
				backoff = 250;
				PGConnection notifications = connection.unwrap(PGConnection.class);
				long quietSince = System.nanoTime();
				while (running) {
					PGNotification[] heard = notifications.getNotifications(1_000);
					if (heard != null && heard.length > 0) {
						Arrays.stream(heard)
							.map(notification -> notification.getParameter().isEmpty() ? null : notification.getParameter())
							.distinct()
							.forEach(programme -> events.publishEvent(new Changed(programme)));
						quietSince = System.nanoTime();
					}
					else if (System.nanoTime() - quietSince > PROBE_AFTER.toNanos()) {
						// a connection cut without a word (a dead network) would otherwise wait here for ever
						if (!connection.isValid(5)) {
							throw new SQLException("the listening connection stopped answering");
						}
						quietSince = System.nanoTime();
					}
				}
			}
			catch (SQLException ex) {
				if (!running) {
					return;
				}
				reconnected = true;
				log.warn("Live alert notifications lost; listening again in {} ms: {}", backoff, ex.toString());
				try {
					// a stop opens the latch: it never waits out the back-off
					if (stopping.await(backoff, TimeUnit.MILLISECONDS)) {
						return;
					}
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
				backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
			}
		}
	}
}
