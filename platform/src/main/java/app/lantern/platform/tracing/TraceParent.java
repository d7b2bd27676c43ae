package app.lantern.platform.tracing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The W3C {@code traceparent} of the current span, to carry across a hop that is not a call (an outbox row, a
 * Kafka record written by Kafka Streams, a send on another thread), and a span continued from one. Without a
 * tracer (tracing left out) everything here is a no-op.
 */
public final class TraceParent {

	public static final String HEADER = "traceparent";

	public static final TraceParent NONE = new TraceParent(Tracer.NOOP, Propagator.NOOP);

	private final Tracer tracer;

	private final Propagator propagator;

	public TraceParent(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/** The current span's {@code traceparent}, or null when there is no current span. */
	public String current() {
		Span span = tracer.currentSpan();
		if (span == null || span.isNoop()) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>();
		propagator.inject(span.context(), carrier, Map::put);
		return carrier.get(HEADER);
	}

	/** A new span, the child of {@code traceparent} (a new trace when it is null); start it and end it. */
	public Span childOf(String traceparent, String name) {
		if (traceparent == null) {
			return tracer.nextSpan().name(name).start();
		}
		return propagator.extract(Map.of(HEADER, traceparent), (carrier, key) -> carrier.get(key)).name(name).start();
	}

	/** Runs {@code work} in a span continued from {@code traceparent}, ending it after. */
	public void inSpan(String traceparent, String name, Runnable work) {
		Span span = childOf(traceparent, name);
		try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
			work.run();
		}
		catch (RuntimeException ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	public static String of(Headers headers) {
		Header header = headers == null ? null : headers.lastHeader(HEADER);
		return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	public static void set(Headers headers, String traceparent) {
		if (traceparent != null) {
			headers.remove(HEADER);
			headers.add(HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
		}
	}
}
