package app.lantern.notifier.delivery;

import app.lantern.events.Topics;
import app.lantern.testsupport.DeadLetterChecks;
import app.lantern.testsupport.LanternInfrastructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;

/** Every topic the notifier listens to: a record that can never be read goes to its {@code -dlt} at once. */
@SpringBootTest
@LanternInfrastructure
class DeadLettersTest {

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { Topics.ALERTS, Topics.CLIENT_MESSAGES, Topics.CONTACT_INVITATIONS, Topics.SMS_STATUS,
			Topics.CLIENT_PROFILES })
	void anUnreadableRecordGoesToItsTopicsDeadLetters(String topic) throws Exception {
		DeadLetterChecks.anUnreadableRecordGoesToItsDeadLetters(topic);
	}
}
