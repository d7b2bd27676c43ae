package app.lantern.checkin.system;

import app.lantern.checkin.StaffApi;
import app.lantern.events.Topics;
import app.lantern.testsupport.DeadLetterChecks;
import app.lantern.testsupport.LanternInfrastructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;

/** Every topic checkin-service listens to: a record that can never be read goes to its {@code -dlt} at once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "lantern.admin-password=" + StaffApi.ADMIN_PASSWORD)
@LanternInfrastructure
class DeadLettersTest {

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { Topics.ALERTS, Topics.DELIVERIES })
	void anUnreadableRecordGoesToItsTopicsDeadLetters(String topic) throws Exception {
		DeadLetterChecks.anUnreadableRecordGoesToItsDeadLetters(topic);
	}
}
