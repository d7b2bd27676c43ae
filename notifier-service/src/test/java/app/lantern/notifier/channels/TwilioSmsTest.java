package app.lantern.notifier.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import app.lantern.notifier.delivery.Channel;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real Twilio SDK against WireMock standing in for Twilio's HTTP API. */
class TwilioSmsTest {

	private static final String SID = "AC00000000000000000000000000000001";

	private static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";

	private WireMockServer twilio;

	private TwilioSms sms;

	@BeforeEach
	void start() {
		twilio = new WireMockServer(options().dynamicPort());
		twilio.start();
		sms = new TwilioSms(SID, "token", "+12025550100", "http://localhost:" + twilio.port(),
				"https://lantern.example.org", 0, 4);
	}

	@AfterEach
	void stop() {
		twilio.stop();
	}

	@Test
	void sendsOneMessageWithAStatusCallbackForTheDelivery() {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SM1\",\"status\":\"queued\"}")));
		UUID delivery = UUID.randomUUID();

		assertThatCode(() -> sms.send(delivery, "+12025550111", null, "hello")).doesNotThrowAnyException();

		twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)).withRequestBody(containing("To=%2B12025550111"))
			.withRequestBody(containing("From=%2B12025550100"))
			.withRequestBody(containing("Body=hello"))
			.withRequestBody(containing("StatusCallback=https%3A%2F%2Flantern.example.org%2Ftwilio%2Fstatus%3Fd%3D" + delivery)));
	}

	@Test
	void aServerErrorIsRecoverableAndIsNotRetriedBehindTheNotifiersBack() {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)
			.withHeader("Content-Type", "application/json").withBody("{\"code\":20003,\"message\":\"down\",\"status\":503}")));

		assertThatThrownBy(() -> sms.send(UUID.randomUUID(), "+12025550111", null, "hello"))
			.isInstanceOfSatisfying(Channel.SendException.class, ex -> org.assertj.core.api.Assertions
				.assertThat(ex.permanent()).isFalse());
		twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
	}

	@Test
	void aBurstToOneNumberIsHeldToTheRateAndWaitsRatherThanFailing() throws Exception {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SM1\",\"status\":\"queued\"}")));
		TwilioSms limited = new TwilioSms(SID, "token", "+12025550100", "http://localhost:" + twilio.port(),
				"https://lantern.example.org", 1, 4);

		limited.send(UUID.randomUUID(), "+12025550111", null, "one");
		assertThatThrownBy(() -> limited.send(UUID.randomUUID(), "+12025550111", null, "two"))
			.isInstanceOfSatisfying(Channel.SendException.class, ex -> org.assertj.core.api.Assertions
				.assertThat(ex.permanent()).isFalse());
		limited.send(UUID.randomUUID(), "+12025550122", null, "another number is not held up");

		twilio.verify(2, postRequestedFor(urlPathEqualTo(MESSAGES)));
	}

	@Test
	void anInvalidNumberIsPermanent() {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}")));

		assertThatThrownBy(() -> sms.send(UUID.randomUUID(), "+12025550111", null, "hello"))
			.isInstanceOfSatisfying(Channel.SendException.class, ex -> org.assertj.core.api.Assertions
				.assertThat(ex.permanent()).isTrue());
	}

	/** How each of Twilio's answers is classed: permanent (give up, fall back) or not, the channel's fault or not. */
	@ParameterizedTest(name = "HTTP {0}, Twilio code {1}: permanent {2}, channel at fault {3}")
	@CsvSource(textBlock = """
			# invalid 'To' number, opted out (the number texted STOP to us), not a mobile number
			400, 21211, true,  false
			400, 21610, true,  false
			400, 21614, true,  false
			# authentication failed: our account's settings, not this message; no retry helps until fixed
			401, 20003, true,  false
			# too many requests: wait and try again, and let the channel rest if it goes on
			429, 20429, false, true
			# Twilio's own trouble
			500, 20500, false, true
			503, 20003, false, true
			""")
	void twiliosAnswersAreClassedForRetryAndFallback(int status, int code, boolean permanent, boolean channelAtFault) {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"code\":" + code + ",\"message\":\"refused\",\"status\":" + status + "}")));

		assertThatThrownBy(() -> sms.send(UUID.randomUUID(), "+12025550111", null, "hello"))
			.isInstanceOfSatisfying(Channel.SendException.class, ex -> {
				assertThat(ex.permanent()).as("permanent").isEqualTo(permanent);
				assertThat(ex.channelAtFault()).as("channel at fault").isEqualTo(channelAtFault);
			});
		twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
	}

	@Test
	void twilioUnreachableIsRecoverableAndTheChannelsFault() {
		twilio.stop();

		assertThatThrownBy(() -> sms.send(UUID.randomUUID(), "+12025550111", null, "hello"))
			.isInstanceOfSatisfying(Channel.SendException.class, ex -> {
				assertThat(ex.permanent()).isFalse();
				assertThat(ex.channelAtFault()).isTrue();
			});
	}
}
