package app.lantern.checkin.sms;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.lantern.checkin.CheckinProperties;
import org.junit.jupiter.api.Test;

/** Without Twilio's auth token checkin-service would refuse every webhook while it looked healthy: it does not start. */
class TwilioSignatureTest {

	@Test
	void aMissingAuthTokenStopsTheStartUnlessTheSandboxIsOn() {
		assertThatThrownBy(() -> new TwilioSignature(properties(null, false)))
			.hasMessageContaining("LANTERN_TWILIO_AUTH_TOKEN")
			.hasMessageContaining("LANTERN_SANDBOX=true");
		assertThatThrownBy(() -> new TwilioSignature(properties(" ", false)))
			.hasMessageContaining("LANTERN_TWILIO_AUTH_TOKEN");

		assertThatCode(() -> new TwilioSignature(properties(null, true))).doesNotThrowAnyException();
		assertThatCode(() -> new TwilioSignature(properties("token", false))).doesNotThrowAnyException();
	}

	private static CheckinProperties properties(String authToken, boolean sandbox) {
		return new CheckinProperties(null, null, new CheckinProperties.Twilio(authToken), null, sandbox, null, null, null);
	}
}
