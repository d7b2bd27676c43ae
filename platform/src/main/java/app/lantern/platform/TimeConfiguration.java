package app.lantern.platform;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The one clock of every service, in UTC. Rules and decisions take their time from it (or have it passed in),
 * never from the wall clock, so a test can hold time in its hands by declaring its own {@link Clock}.
 */
@AutoConfiguration
public class TimeConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}
}
