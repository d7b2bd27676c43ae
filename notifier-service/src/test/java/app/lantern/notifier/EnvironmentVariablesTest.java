package app.lantern.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The environment variables the README names reach the settings they are meant for. */
class EnvironmentVariablesTest {

	@Test
	void theReadmesVariablesBind() {
		var environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				Map.of("LANTERN_SANDBOX", "true", "LANTERN_SANDBOX_TOKEN", "t0ken", "LANTERN_TWILIO_TIMEOUT", "3s",
						"LANTERN_DELIVERY_MAIL_CONCURRENCY", "2", "LANTERN_DELIVERY_QUEUED", "50",
						"LANTERN_DELIVERY_LEASE", "20s", "LANTERN_MAIL_TIMEOUT", "7s")));

		NotifierProperties properties = Binder.get(environment).bind("lantern", NotifierProperties.class).get();

		assertThat(properties.sandbox()).isTrue();
		assertThat(properties.sandboxToken()).isEqualTo("t0ken");
		assertThat(properties.twilio().timeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(properties.delivery().mailConcurrency()).isEqualTo(2);
		assertThat(properties.delivery().queued()).isEqualTo(50);
		assertThat(properties.delivery().lease()).isEqualTo(Duration.ofSeconds(20));
		assertThat(properties.mail().timeout()).isEqualTo(Duration.ofSeconds(7));
	}
}
