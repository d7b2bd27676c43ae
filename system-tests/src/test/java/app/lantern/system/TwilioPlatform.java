package app.lantern.system;

import app.lantern.testsupport.TwilioDouble;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The platform as production runs it, with Twilio's API a double (texts and calls through the real Twilio SDK;
 * e-mail stays in the sandbox outbox), on databases of its own: shared by every test class of this JVM that extends
 * with it, as {@link SandboxPlatform} is, taking turns with it ({@link PlatformTurns}). The double takes everything
 * unless a test stubs it otherwise for a number of its own.
 */
final class TwilioPlatform implements BeforeAllCallback {

	/** The platform and its double, closed together. */
	record OnTwilio(RunningPlatform platform, WireMockServer twilio) implements AutoCloseable {

		@Override
		public void close() {
			try {
				platform.close();
			}
			finally {
				twilio.stop();
			}
		}
	}

	private static volatile OnTwilio running;

	@Override
	public void beforeAll(ExtensionContext context) {
		running = PlatformTurns.of(context).take(OnTwilio.class, () -> {
			WireMockServer twilio = TwilioDouble.accepting();
			try {
				return new OnTwilio(RunningPlatform.start("http://localhost:" + twilio.port(), "twilio"), twilio);
			}
			catch (Exception ex) {
				twilio.stop();
				throw new IllegalStateException("the platform on Twilio's double did not start", ex);
			}
		});
	}

	private static OnTwilio running() {
		if (running == null) {
			throw new IllegalStateException("no platform on Twilio's double: extend the test class with TwilioPlatform");
		}
		return running;
	}

	static RunningPlatform platform() {
		return running().platform();
	}

	/** Twilio's API, as the platform's notifier sees it. */
	static WireMockServer twilio() {
		return running().twilio();
	}

	/** A staff member (the admin) on the platform. */
	static Staff staff() {
		return new Staff(platform());
	}
}
