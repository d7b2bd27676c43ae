package app.lantern.platform;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code lantern-defaults.properties} behind every other property source, so the three services share
 * one set of Kafka, actuator and health defaults that each service's own configuration can still override.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

	private static final String NAME = "lantern-defaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			environment.getPropertySources()
				.addLast(new ResourcePropertySource(NAME, new ClassPathResource(NAME + ".properties")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
