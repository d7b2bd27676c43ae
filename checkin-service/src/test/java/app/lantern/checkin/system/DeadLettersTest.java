package app.lantern.checkin.system;

import app.lantern.events.Topics;
import app.lantern.testsupport.DeadLetterChecks;
import app.lantern.checkin.CheckinServiceTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every topic checkin-service listens to: a record that can never be read goes to its {@code -dlt} at once. */
@CheckinServiceTest
class DeadLettersTest {

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { Topics.ALERTS, Topics.DELIVERIES })
	void anUnreadableRecordGoesToItsTopicsDeadLetters(String topic) throws Exception {
		DeadLetterChecks.anUnreadableRecordGoesToItsDeadLetters(topic);
	}
}
