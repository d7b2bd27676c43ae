package app.lantern.checkin.console;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import app.lantern.checkin.alerts.AlertNotifications;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import app.lantern.checkin.programmes.ProgrammeScope;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The console's open alert streams. A change is written to each browser from a small pool of its own, never
 * from the thread that heard it: a browser that reads slowly holds one of those threads for a while, not the
 * read model nor the other browsers. Changes coalesce per browser (the event says only "fetch again"), so a
 * burst of alerts costs a slow browser one write, not one per alert.
 */
@Component
class LiveStream {

	/** Each open browser, with its staff user's programmes and whether a write to it is queued. */
	private record Browser(ProgrammeScope scope, AtomicBoolean queued) {
	}

	private final Map<SseEmitter, Browser> browsers = new ConcurrentHashMap<>();

	private final ExecutorService writers = Executors.newFixedThreadPool(4,
			new CustomizableThreadFactory("live-stream-"));

	LiveStream(MeterRegistry meters) {
		Gauge.builder("lantern.console.streams", browsers, Map::size)
			.description("Browsers with the console's live alert stream open on this instance")
			.register(meters);
	}

	/** A stream that hears only of alerts of {@code scope}'s programmes. */
	SseEmitter open(ProgrammeScope scope) {
		SseEmitter emitter = new SseEmitter(0L);
		browsers.put(emitter, new Browser(scope, new AtomicBoolean()));
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
			AtomicBoolean queued = open.queued();
			boolean theirs = changed.programme() == null || open.scope().includes(changed.programme());
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

	/** Open streams would hold a graceful shutdown for its whole timeout: close them first. */
	@EventListener(ContextClosedEvent.class)
	void close() {
		browsers.keySet().forEach(SseEmitter::complete);
		browsers.clear();
		writers.shutdownNow();
	}
}
