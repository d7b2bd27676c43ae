package app.lantern.checkin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import app.lantern.checkin.sms.TwilioRequests;
import app.lantern.testsupport.LanternInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * checkin-service on a random port (and its actuator on another) with the real broker and PostgreSQL, the test admin's password and a Twilio
 * auth token to sign webhooks with. One configuration for every test class, so they share one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "lantern.admin-password=" + StaffApi.ADMIN_PASSWORD, "management.server.port=0",
				"lantern.twilio.auth-token=" + TwilioRequests.AUTH_TOKEN,
				// a spool of this JVM's own, not the default one every service on the machine would share
				"lantern.intake.spool-dir=${java.io.tmpdir}/checkin-test-spool-${random.uuid}",
				// open alert streams looked at again each second, not each 15 (a disabled user's ends)
				"lantern.console.stream-recheck=1s",
				// the paced welcomes of an import go when a test asks (WelcomePacer.sendDue), not each second by themselves
				"lantern.import.welcome-every=1h",
				// a VAPID public key made for the tests: the page offers notifications
				"lantern.push.vapid-public-key=BP3XGDMIr4W5mXX--QgQ00oVfDWmjhMqkBITtRX0kCg0qumfJnUkBuMcwxq2A8rbQcGlSfGY-ddV-YGofeJYlh0" })
@LanternInfrastructure
public @interface CheckinServiceTest {
}
