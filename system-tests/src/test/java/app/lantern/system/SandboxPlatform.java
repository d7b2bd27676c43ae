package app.lantern.system;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The sandbox platform (SMS, e-mail and calls in the sandbox outbox) shared by every test class of this JVM that
 * extends with it: started before the first of them, and closed when the whole run ends or another platform takes
 * its turn ({@link PlatformTurns}). A class that needs time to pass moves the platform's clock; a class that needs
 * people apart from the others enrols them in a programme of its own.
 */
final class SandboxPlatform implements BeforeAllCallback {

	private static volatile RunningPlatform platform;

	@Override
	public void beforeAll(ExtensionContext context) {
		platform = PlatformTurns.of(context).take(RunningPlatform.class, () -> {
			try {
				return RunningPlatform.start();
			}
			catch (Exception ex) {
				throw new IllegalStateException("the sandbox platform did not start", ex);
			}
		});
	}

	/** The running platform; only after a class extended with this has started. */
	static RunningPlatform platform() {
		if (platform == null) {
			throw new IllegalStateException("no sandbox platform: extend the test class with SandboxPlatform");
		}
		return platform;
	}

	/** A staff member (the admin) on the platform. */
	static Staff staff() {
		return new Staff(platform());
	}
}
