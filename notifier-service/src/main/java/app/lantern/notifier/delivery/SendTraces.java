package app.lantern.notifier.delivery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import app.lantern.platform.tracing.TraceParent;
import org.springframework.stereotype.Component;

/**
 * A check-in's trace, on to the send: the alert's record brought the W3C {@code traceparent} of the rules
 * engine's span (which continued the check-in's request); each send of that alert runs in a span continued from
 * it, on the channel's send thread. Kept in memory for the most recent alerts only — a send retried after a
 * restart, or long after, starts a trace of its own.
 */
@Component
public class SendTraces {

	private static final int REMEMBERED = 10_000;

	private final TraceParent traces;

	private final Map<UUID, String> byAlert = new LinkedHashMap<>(1_024, 0.75f, false) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<UUID, String> eldest) {
			return size() > REMEMBERED;
		}
	};

	SendTraces(TraceParent traces) {
		this.traces = traces;
	}

	public void arrived(UUID alertId, String traceparent) {
		if (traceparent != null) {
			synchronized (byAlert) {
				byAlert.put(alertId, traceparent);
			}
		}
	}

	/** Runs the send in a span named for its channel, the child of its alert's trace (if it is known). */
	void send(PendingSend send, Runnable work) {
		String parent;
		synchronized (byAlert) {
			parent = byAlert.get(send.claim().subjectId());
		}
		if (parent == null) {
			work.run();
		}
		else {
			traces.inSpan(parent, "notifier send " + send.claim().channel().name().toLowerCase(), work);
		}
	}
}
