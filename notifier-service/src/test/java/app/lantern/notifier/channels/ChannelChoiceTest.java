package app.lantern.notifier.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.lantern.notifier.NotifierProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** No silent sandbox: a channel goes to the sandbox outbox only when the sandbox was asked for. */
class ChannelChoiceTest {

	@ParameterizedTest(name = "sid {0}, token {1}, from {2}, sandbox {3} -> {4}")
	@CsvSource(nullValues = "none", textBlock = """
			AC1,  token, +12025550100, false, REAL
			AC1,  token, +12025550100, true,  REAL
			none, none,  none,         true,  SANDBOX
			none, none,  none,         false, 'Twilio is not configured: set LANTERN_TWILIO_ACCOUNT_SID, LANTERN_TWILIO_AUTH_TOKEN, LANTERN_TWILIO_FROM'
			AC1,  token, none,         false, 'Twilio is configured by halves: set LANTERN_TWILIO_FROM'
			AC1,  none,  none,         true,  'Twilio is configured by halves: set LANTERN_TWILIO_AUTH_TOKEN, LANTERN_TWILIO_FROM'
			""")
	void smsGoesToTwilioOrStopsTheStartUnlessTheSandboxIsOn(String sid, String token, String from, boolean sandbox,
			String expected) {
		var twilio = new NotifierProperties.Twilio(sid, token, from, null, null, null, null);
		if (expected.equals("REAL") || expected.equals("SANDBOX")) {
			assertThat(ChannelChoice.sms(twilio, sandbox)).isEqualTo(ChannelChoice.valueOf(expected));
		}
		else {
			assertThatThrownBy(() -> ChannelChoice.sms(twilio, sandbox)).hasMessageStartingWith(expected);
		}
	}

	/** A registered programme's Messaging Service stands in for the From number of its SMS. */
	@Test
	void aMessagingServiceStandsInForTheFromNumber() {
		var twilio = new NotifierProperties.Twilio("AC1", "token", null, null, null, null, "MG1");

		assertThat(ChannelChoice.sms(twilio, false)).isEqualTo(ChannelChoice.REAL);
	}

	/** The account's credentials go with every request: outside the sandbox, only to Twilio, only over https. */
	@ParameterizedTest(name = "{0}, sandbox {1} -> {2}")
	@CsvSource(textBlock = """
			https://api.twilio.com,                 false, REAL
			http://api.twilio.com,                  false, 'LANTERN_TWILIO_API_BASE_URL must be https://api.twilio.com'
			https://api.twilio.com.attacker.example, false, 'LANTERN_TWILIO_API_BASE_URL must be https://api.twilio.com'
			http://localhost:8089,                  false, 'LANTERN_TWILIO_API_BASE_URL must be https://api.twilio.com'
			http://localhost:8089,                  true,  REAL
			""")
	void twilioIsReachedAtTwiliosOwnHostOverHttpsOutsideTheSandbox(String url, boolean sandbox, String expected) {
		var twilio = new NotifierProperties.Twilio("AC1", "token", "+12025550100", url, null, null, null);
		if (expected.equals("REAL")) {
			assertThat(ChannelChoice.sms(twilio, sandbox)).isEqualTo(ChannelChoice.REAL);
		}
		else {
			assertThatThrownBy(() -> ChannelChoice.sms(twilio, sandbox)).hasMessageStartingWith(expected);
		}
	}

	@ParameterizedTest(name = "mail host set {0}, sandbox {1} -> {2}")
	@CsvSource(textBlock = """
			true,  false, REAL
			false, true,  SANDBOX
			false, false, 'SMTP is not configured: set SPRING_MAIL_HOST'
			""")
	void emailGoesToSmtpOrStopsTheStartUnlessTheSandboxIsOn(boolean hostSet, boolean sandbox, String expected) {
		if (expected.equals("REAL") || expected.equals("SANDBOX")) {
			assertThat(ChannelChoice.email(hostSet, sandbox)).isEqualTo(ChannelChoice.valueOf(expected));
		}
		else {
			assertThatThrownBy(() -> ChannelChoice.email(hostSet, sandbox)).hasMessageStartingWith(expected);
		}
	}
}
