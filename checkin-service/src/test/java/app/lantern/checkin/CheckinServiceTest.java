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
				"lantern.twilio.auth-token=" + TwilioRequests.AUTH_TOKEN })
@LanternInfrastructure
public @interface CheckinServiceTest {
}
