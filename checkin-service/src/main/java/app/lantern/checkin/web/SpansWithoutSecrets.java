package app.lantern.checkin.web;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.ObservationFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * A request's span names its path template ({@code /c/{token}}), never the path it was called at: a client's
 * check-in link is a secret, and a trace collector is no place for it (nor for ids in query strings).
 */
@Configuration(proxyBeanMethods = false)
class SpansWithoutSecrets {

	@Bean
	ObservationFilter pathTemplatesOnly() {
		return context -> {
			if (context instanceof ServerRequestObservationContext request) {
				String template = request.getPathPattern();
				context.addHighCardinalityKeyValue(KeyValue.of("http.url", template == null ? "UNKNOWN" : template));
			}
			return context;
		};
	}
}
