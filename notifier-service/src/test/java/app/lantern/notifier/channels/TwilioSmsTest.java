package app.lantern.notifier.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import app.lantern.notifier.delivery.Channel;
import app.lantern.testsupport.TwilioDouble;
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
		TwilioDouble.acceptEverything(twilio);
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
		TwilioDouble.acceptEverything(twilio);
		TwilioSms limited = new TwilioSms(SID, "token", "+12025550100", "http://localhost:" + twilio.port(),
				"https://lantern.example.org", 1, 4);

		limited.send(UUID.randomUUID(), "+12025550111", null, "one");
		assertThatThrownBy(() -> limited.send(UUID.randomUUID(), "+12025550111", null, "two"))
			.isInstanceOfSatisfying(Channel.SendException.class, ex -> org.assertj.core.api.Assertions
				.assertThat(ex.permanent()).isFalse());
		limited.send(UUID.randomUUID(), "+12025550122", null, "another number is not held up");

		twilio.verify(2, postRequestedFor(urlPathEqualTo(MESSAGES)));
	}

	/**
	 * A registered programme sends through its Messaging Service: the service, not a number, is what Lantern names
	 * (Twilio picks the number from its pool); and the "did it go?" look-up finds a message the service sent, from
	 * whichever number.
	 */
	@Test
	void throughAMessagingServiceTheServiceIsNamedNotANumberAndTheLookUpStillFindsIt() throws Exception {
		WireMockServer withList = TwilioDouble.start(8);
		try {
			TwilioDouble.acceptEverything(withList);
			String service = "MG" + "0123456789abcdef".repeat(2);
			TwilioSms viaService = new TwilioSms(SID, "token", null, service, "http://localhost:" + withList.port(),
					"https://lantern.example.org", 0, 4, Duration.ofSeconds(5));
			Instant before = Instant.now();

			viaService.send(UUID.randomUUID(), "+12025550133", null, "Lantern: J. asked for help");

			withList.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES))
				.withRequestBody(containing("MessagingServiceSid=" + service))
				.withRequestBody(notContaining("From=")));
			assertThat(viaService.alreadyTook(UUID.randomUUID(), "+12025550133", "Lantern: J. asked for help", before))
				.isTrue();
		}
		finally {
			withList.stop();
		}
	}

	/** 21610: the number replied STOP to Twilio's own handling — permanent, and the number's opt-out. */
	@Test
	void aNumberThatRepliedStopToTwilioIsItsOptOut() {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"code\":21610,\"message\":\"Attempt to send to unsubscribed recipient\",\"status\":400}")));

		assertThatThrownBy(() -> sms.send(UUID.randomUUID(), "+12025550111", null, "hello"))
			.isInstanceOfSatisfying(Channel.SendException.class, ex -> {
				assertThat(ex.permanent()).isTrue();
				assertThat(ex.optedOut()).isTrue();
			});
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

	/**
	 * How each of Twilio's answers is classed: permanent (give up, fall back) or not, the channel's fault or not,
	 * Lantern's credentials refused (the whole channel rests, the operator is told), and whether Twilio may have
	 * taken the message all the same (asked before it is sent again).
	 */
	@ParameterizedTest(name = "HTTP {0}, Twilio code {1}: permanent {2}, channel at fault {3}, credentials {4}, maybe taken {5}")
	@CsvSource(textBlock = """
			# invalid 'To' number, opted out (the number texted STOP to us), not a mobile number
			400, 21211, true,  false, false, false
			400, 21610, true,  false, false, false
			400, 21614, true,  false, false, false
			# authentication failed (credentials rotated): not this message's fault; every send waits for a fix
			401, 20003, false, true,  true,  false
			# too many requests: wait and try again, and let the channel rest if it goes on
			429, 20429, false, true,  false, false
			# Twilio's own trouble, which may come after it took the message
			500, 20500, false, true,  false, true
			503, 20003, false, true,  false, true
			""")
	void twiliosAnswersAreClassedForRetryAndFallback(int status, int code, boolean permanent, boolean channelAtFault,
			boolean credentials, boolean maybeTaken) {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"code\":" + code + ",\"message\":\"refused\",\"status\":" + status + "}")));

		assertThatThrownBy(() -> sms.send(UUID.randomUUID(), "+12025550111", null, "hello"))
			.isInstanceOfSatisfying(Channel.SendException.class, ex -> {
				assertThat(ex.permanent()).as("permanent").isEqualTo(permanent);
				assertThat(ex.channelAtFault()).as("channel at fault").isEqualTo(channelAtFault);
				assertThat(ex.credentialsRefused()).as("credentials refused").isEqualTo(credentials);
				assertThat(ex.maybeTaken()).as("maybe taken").isEqualTo(maybeTaken);
			});
		twilio.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
	}

	@Test
	void twilioThatNeverAnswersIsCutOffAtTheTimeoutAndMayHaveTakenTheMessage() {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SM1\",\"status\":\"queued\"}")
			.withFixedDelay(5_000)));
		TwilioSms impatient = new TwilioSms(SID, "token", "+12025550100", "http://localhost:" + twilio.port(),
				"https://lantern.example.org", 0, 4, java.time.Duration.ofMillis(500));

		long started = System.nanoTime();
		assertThatThrownBy(() -> impatient.send(UUID.randomUUID(), "+12025550111", null, "hello"))
			.isInstanceOfSatisfying(Channel.SendException.class, ex -> {
				assertThat(ex.permanent()).isFalse();
				assertThat(ex.maybeTaken()).as("the request went out: Twilio may have it").isTrue();
			});
		assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
			.as("not the SDK's own 30 s read").isLessThan(java.time.Duration.ofSeconds(4));
	}

	/** Twilio's list of messages to the number, newest first, is what says whether an unanswered send got through. */
	@Test
	void anUnansweredSendIsLookedUpInTwiliosListOfMessagesToTheNumber() throws Exception {
		java.time.Instant attempt = java.time.Instant.parse("2026-11-29T10:00:00Z");
		twilio.stubFor(get(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo("+12025550111"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
					{"messages": [
					  {"sid": "SM2", "to": "+12025550111", "body": "another message",
					   "date_created": "Sun, 29 Nov 2026 10:00:05 +0000", "status": "sent"},
					  {"sid": "SM1", "to": "+12025550111", "body": "Lantern: please check on J.",
					   "date_created": "Sun, 29 Nov 2026 10:00:01 +0000", "status": "sent"},
					  {"sid": "SM0", "to": "+12025550111", "body": "an old one",
					   "date_created": "Sat, 28 Nov 2026 09:00:00 +0000", "status": "delivered"}],
					 "next_page_uri": null, "page": 0, "page_size": 50}""")));

		assertThat(sms.alreadyTook(UUID.randomUUID(), "+12025550111", "Lantern: please check on J.", attempt))
			.as("taken at 10:00:01, after the attempt").isTrue();
		assertThat(sms.alreadyTook(UUID.randomUUID(), "+12025550111", "an old one", attempt))
			.as("the same text before the attempt is another message").isFalse();
		assertThat(sms.alreadyTook(UUID.randomUUID(), "+12025550111", "never sent", attempt)).isFalse();
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
