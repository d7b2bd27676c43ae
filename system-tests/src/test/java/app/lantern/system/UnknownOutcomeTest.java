package app.lantern.system;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import app.lantern.testsupport.Enrolments;
import app.lantern.testsupport.TwilioDouble;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An answer that never came does not stop a send for ever, through the real services and the real Twilio SDK:
 * Twilio answers a crisis text to the sponsor with a server error (it may have taken it), and its list of messages
 * cannot be read either; the text is not sent again while no one can tell — and two minutes on (the clock moved) it
 * is, once, and counted.
 */
@Order(3)
@ExtendWith(TwilioPlatform.class)
class UnknownOutcomeTest {

	private static final String MESSAGES = "/2010-04-01/Accounts/[^/]+/Messages.json";

	private static final String CLIENT = "+12025550262";

	private static final String SPONSOR = "+12025550263";

	@Test
	void aCrisisTextWhoseFateTwilioCannotTellIsSentOnceMoreTwoMinutesOn() {
		Staff staff = TwilioPlatform.staff();
		WireMockServer twilio = TwilioPlatform.twilio();
		MeterRegistry meters = staff.platform.notifier.getBean(MeterRegistry.class);
		double unsureBefore = unsure(meters);
		String programme = staff.newProgramme("Unknown outcome");
		var sam = Enrolments.withSponsor(staff.api, Enrolments.client("Sam", CLIENT, Map.of("programme", programme)),
				SPONSOR, "CRISIS");
		staff.awaitOptedIn(sam.clientId());
		String sponsorEncoded = "To=%2B" + SPONSOR.substring(1);
		StubMapping failing = twilio.stubFor(post(urlPathMatching(MESSAGES)).atPriority(1)
			.withRequestBody(containing(sponsorEncoded))
			.willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
				.withBody("{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}")));
		StubMapping unlisted = twilio.stubFor(get(urlPathMatching(MESSAGES)).atPriority(1)
			.withQueryParam("To", equalTo(SPONSOR))
			.willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
				.withBody("{\"code\":20503,\"message\":\"Service Unavailable\",\"status\":503}")));
		try {
			Instant texted = staff.platform.clock.instant();
			staff.text(CLIENT, "I am going to overdose tonight");

			await().atMost(Duration.ofSeconds(30)).until(() -> twilio
				.findAll(getRequestedFor(urlPathMatching(MESSAGES)).withQueryParam("To", equalTo(SPONSOR))).size() >= 1);
			assertThat(alertsTo(twilio)).as("sent once, and not again while no one can tell whether it went")
				.hasSize(1);

			remove(twilio, failing);
			staff.moveClockTo(texted.plus(Duration.ofMinutes(2)).plusSeconds(2));

			await().atMost(Duration.ofSeconds(30)).until(() -> alertsTo(twilio).size() == 2);
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
				.until(() -> alertsTo(twilio).size() == 2);
			assertThat(unsure(meters)).as("counted").isEqualTo(unsureBefore + 1);
		}
		finally {
			remove(twilio, failing);
			remove(twilio, unlisted);
		}
	}

	/** The alerts that reached Twilio for the sponsor (not their invitation). */
	private static List<String> alertsTo(WireMockServer twilio) {
		return TwilioDouble.textsTo(twilio, SPONSOR).stream().filter(body -> body.startsWith("Lantern: Sam ")).toList();
	}

	private static void remove(WireMockServer twilio, StubMapping stub) {
		if (twilio.getStubMappings().stream().anyMatch(mapping -> mapping.getId().equals(stub.getId()))) {
			twilio.removeStub(stub);
		}
	}

	private static double unsure(MeterRegistry meters) {
		var counter = meters.find("lantern.deliveries.sent.unsure").tag("channel", "SMS").tag("type", "CRISIS").counter();
		return counter == null ? 0 : counter.count();
	}
}
