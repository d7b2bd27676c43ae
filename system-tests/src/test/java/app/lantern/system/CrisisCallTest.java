package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.testsupport.Enrolments;
import app.lantern.testsupport.SignedSms;
import app.lantern.testsupport.TopicRecords;
import app.lantern.testsupport.TwilioDouble;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A human answers, or the phone rings, through the real services and the real Twilio SDK: a crisis is texted to the
 * person on call; no one acknowledges it, and five minutes on (the clock moved) their phone rings — a call at
 * Twilio's API with the message spoken and a key to press; the key Twilio posts back acknowledges the alert as theirs.
 */
@Order(2)
@ExtendWith(TwilioPlatform.class)
class CrisisCallTest {

	private static final String CLIENT = "+12025550260";

	private static final String ON_CALL = "+12025550261";

	@Test
	void aCrisisNoOneAcknowledgesForFiveMinutesRingsThePersonOnCallWhoAcknowledgesItWithAKey() {
		Staff staff = TwilioPlatform.staff();
		WireMockServer twilio = TwilioPlatform.twilio();
		String programme = staff.newProgramme("Calls");
		String username = "otto-" + UUID.randomUUID().toString().substring(0, 6);
		String shift = staff.onCallNow(username, ON_CALL, programme);
		String clientId = Enrolments.enrol(staff.api, Enrolments.client("Nico", CLIENT, Map.of("programme", programme)));
		staff.awaitNotifierRota(shift);

		Instant texted = staff.platform.clock.instant();
		assertThat(staff.text(CLIENT, "I am going to overdose tonight")).contains("988");
		await().atMost(Duration.ofSeconds(30)).until(() -> TwilioDouble.textsTo(twilio, ON_CALL).size() == 1);
		assertThat(TwilioDouble.textsTo(twilio, ON_CALL).get(0)).startsWith("Lantern on call: a client ");
		assertThat(TwilioDouble.callsTo(twilio, ON_CALL)).as("no call before the crisis timeout").isEmpty();

		staff.moveClockTo(texted.plus(Duration.ofMinutes(5)).plusSeconds(2));
		List<TwilioDouble.Call> calls = await().atMost(Duration.ofSeconds(30))
			.until(() -> TwilioDouble.callsTo(twilio, ON_CALL), found -> !found.isEmpty());
		TwilioDouble.Call call = calls.get(0);
		assertThat(call.from()).isEqualTo(SignedSms.LANTERN_NUMBER);
		assertThat(call.twiml()).contains("<Say>This is Lantern. A client ").contains("Press 1 to acknowledge")
			.as("no name on the phone").doesNotContain("Nico");
		assertThat(call.keypressUrl()).startsWith("http://localhost:8080/twilio/voice?d=");

		String answer = SignedSms.keypress(RunningPlatform.baseUrl(staff.platform.checkin), "http://localhost:8080",
				RunningPlatform.WEBHOOK_TOKEN, call.keypressUrl(), "1");

		assertThat(answer).contains("<Say>Acknowledged.");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(staff.openAlerts(clientId))
			.singleElement().satisfies(alert -> assertThat(alert).containsEntry("state", "ACKNOWLEDGED")));
		assertThat(TopicRecords.all(Topics.ALERTS).stream().filter(record -> clientId.equals(record.key()))
			.map(record -> EventJson.read(record.value(), AlertEvent.class))
			.filter(alert -> alert.state() == AlertState.ACKNOWLEDGED))
			.singleElement().satisfies(alert -> assertThat(alert.acknowledgedBy()).isEqualTo("staff:" + username));
		assertThat(TwilioDouble.callsTo(twilio, ON_CALL)).as("rung once").hasSize(1);
		staff.endShift(shift);
	}
}
