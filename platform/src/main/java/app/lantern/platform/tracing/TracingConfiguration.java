package app.lantern.platform.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** {@link TraceParent} over the service's tracer, or a no-op one where tracing is left out. */
@AutoConfiguration(afterName = { "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration" })
public class TracingConfiguration {

	@Bean
	TraceParent traceParent(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		Tracer found = tracer.getIfAvailable();
		Propagator propagation = propagator.getIfAvailable();
		return found == null || propagation == null ? TraceParent.NONE : new TraceParent(found, propagation);
	}
}
