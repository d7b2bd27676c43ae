package app.lantern.platform.tracing;

import io.prometheus.metrics.tracer.common.SpanContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * No trace exemplars in the Prometheus scrape. With tracing on, Micrometer would attach the current trace to
 * samples, summaries' {@code _count} lines included, and a Prometheus that parses OpenMetrics strictly (Debian's,
 * which CI's monitoring check runs) refuses the whole scrape: the service would look down. Traces are found by
 * their trace id in the logs instead.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration")
public class NoExemplarsConfiguration {

	@Bean
	SpanContext noPrometheusExemplars() {
		return new SpanContext() {
			@Override
			public String getCurrentTraceId() {
				return null;
			}

			@Override
			public String getCurrentSpanId() {
				return null;
			}

			@Override
			public boolean isCurrentSpanSampled() {
				return false;
			}

			@Override
			public void markCurrentSpanAsExemplar() {
			}
		};
	}
}
