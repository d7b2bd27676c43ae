package app.lantern.checkin.console;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import app.lantern.checkin.alerts.AlertNotifications;
import app.lantern.checkin.programmes.ProgrammeScope;
import app.lantern.checkin.programmes.Programmes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The console's open alert streams. A change is written to each browser from a small pool of its own, never
 * from the thread that heard it: a browser that reads slowly holds one of those threads for a while, not the
 * read model nor the other browsers. Changes coalesce per browser (the event says only "fetch again"), so a
 * burst of alerts costs a slow browser one write, not one per alert.
 * <p>
 * Each stream is looked at again every {@code lantern.console.stream-recheck} (15 s): it ends when its session has
 * (signed out, expired, or ended by an ADMIN who disabled the user) or the user is disabled, and hears of the
 * programmes its user works in now, not those of when it opened.
 */
@Component
class LiveStream {

	/** Each open browser: its staff user and session, their programmes (as last looked at), a write queued. */
	private static final class Browser {

		final String username;

		final String sessionId;

		final boolean admin;

		volatile ProgrammeScope scope;

		final AtomicBoolean queued = new AtomicBoolean();

		Browser(String username, String sessionId, ProgrammeScope scope) {
			this.username = username;
			this.sessionId = sessionId;
			this.admin = scope.everything();
			this.scope = scope;
		}
	}

	private final Map<SseEmitter, Browser> browsers = new ConcurrentHashMap<>();

	private final ExecutorService writers = Executors.newFixedThreadPool(4,
			new CustomizableThreadFactory("live-stream-"));

	private final Programmes programmes;

	private final JdbcClient jdbc;

	private final ObjectProvider<SessionRepository<? extends Session>> sessions;

	LiveStream(MeterRegistry meters, Programmes programmes, JdbcClient jdbc,
			ObjectProvider<SessionRepository<? extends Session>> sessions) {
		this.programmes = programmes;
		this.jdbc = jdbc;
		this.sessions = sessions;
		Gauge.builder("lantern.console.streams", browsers, Map::size)
			.description("Browsers with the console's live alert stream open on this instance")
			.register(meters);
	}

	/** A stream of {@code username}'s, in {@code sessionId}, that hears only of alerts of {@code scope}'s programmes. */
	SseEmitter open(String username, String sessionId, ProgrammeScope scope) {
		SseEmitter emitter = new SseEmitter(0L);
		browsers.put(emitter, new Browser(username, sessionId, scope));
		emitter.onCompletion(() -> browsers.remove(emitter));
		emitter.onTimeout(() -> browsers.remove(emitter));
		emitter.onError(error -> browsers.remove(emitter));
		try {
			// a first comment sends the response headers now, so the browser knows the stream is open
			emitter.send(SseEmitter.event().comment("connected"));
		}
		catch (IOException gone) {
			browsers.remove(emitter);
		}
		return emitter;
	}

	@EventListener
	void alertsChanged(AlertNotifications.Changed changed) {
		browsers.forEach((browser, open) -> {
			AtomicBoolean queued = open.queued;
			boolean theirs = changed.programme() == null || open.scope.includes(changed.programme());
			if (theirs && queued.compareAndSet(false, true)) {
				writers.execute(() -> {
					queued.set(false);
					try {
						browser.send(SseEmitter.event().name("alerts").data("changed"));
					}
					catch (IOException | IllegalStateException gone) {
						browsers.remove(browser);
					}
				});
			}
		});
	}

	/** Ends the streams whose session or user has ended; the others hear of their user's programmes as they are now. */
	@Scheduled(fixedDelayString = "${lantern.console.stream-recheck:15s}")
	void recheck() {
		SessionRepository<? extends Session> store = sessions.getIfAvailable();
		browsers.forEach((emitter, open) -> {
			try {
				boolean enabled = jdbc.sql("select enabled from staff_user where username = ?").param(open.username)
					.query(Boolean.class).optional().orElse(false);
				boolean sessionLives = store == null || open.sessionId == null || store.findById(open.sessionId) != null;
				if (!enabled || !sessionLives) {
					browsers.remove(emitter);
					emitter.complete();
				}
				else if (!open.admin) {
					open.scope = new ProgrammeScope(new HashSet<>(programmes.memberships(open.username)), false);
				}
			}
			catch (RuntimeException databaseAway) {
				// looked at again next time; a stream only ever says "fetch again", which is checked itself
			}
		});
	}

	/** Open streams would hold a graceful shutdown for its whole timeout: close them first. */
	@EventListener(ContextClosedEvent.class)
	void close() {
		browsers.keySet().forEach(SseEmitter::complete);
		browsers.clear();
		writers.shutdownNow();
	}
}
