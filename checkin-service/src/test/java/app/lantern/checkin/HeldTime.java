package app.lantern.checkin;

import app.lantern.testsupport.MutableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Time in a test's hands: checkin-service's clock is a {@link MutableClock} that the test sets, moves and puts back.
 * Every class that imports this (and is otherwise a {@link CheckinServiceTest}) shares one context of its own.
 */
@TestConfiguration(proxyBeanMethods = false)
public class HeldTime {

	@Bean
	@Primary
	MutableClock testClock() {
		return MutableClock.startingNow();
	}
}
