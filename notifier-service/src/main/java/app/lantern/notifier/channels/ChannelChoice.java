package app.lantern.notifier.channels;

import java.util.ArrayList;
import java.util.List;

import app.lantern.notifier.NotifierProperties;

/**
 * Which way each channel goes: the real one when it is configured, the sandbox outbox only when the sandbox was
 * asked for ({@code LANTERN_SANDBOX=true}, as the local stack does). A channel configured by halves, or not at
 * all outside the sandbox, stops the start with the variables it lacks: one missing variable must never send
 * real alerts to a sandbox and record them as SENT.
 */
enum ChannelChoice {

	REAL, SANDBOX;

	/** Twilio's API, exactly: https, Twilio's own host. */
	static final String TWILIO_API = "https://api.twilio.com";

	static ChannelChoice sms(NotifierProperties.Twilio twilio, boolean sandbox) {
		List<String> missing = new ArrayList<>();
		if (blank(twilio.accountSid())) {
			missing.add("LANTERN_TWILIO_ACCOUNT_SID");
		}
		if (blank(twilio.authToken())) {
			missing.add("LANTERN_TWILIO_AUTH_TOKEN");
		}
		if (blank(twilio.from()) && blank(twilio.messagingServiceSid())) {
			missing.add("LANTERN_TWILIO_FROM");
		}
		ChannelChoice choice = choose("Twilio", missing, 3, sandbox);
		if (choice == REAL && !sandbox && !TWILIO_API.equals(twilio.apiBaseUrl())) {
			// the account's credentials go with every request: never to anything but Twilio, never in clear text
			throw new IllegalStateException("LANTERN_TWILIO_API_BASE_URL must be " + TWILIO_API + " (a double of "
					+ "Twilio's API is for tests and the sandbox only: LANTERN_SANDBOX=true)");
		}
		return choice;
	}

	static ChannelChoice email(boolean mailHostSet, boolean sandbox) {
		return choose("SMTP", mailHostSet ? List.of() : List.of("SPRING_MAIL_HOST"), 1, sandbox);
	}

	private static ChannelChoice choose(String channel, List<String> missing, int settings, boolean sandbox) {
		if (missing.isEmpty()) {
			return REAL;
		}
		if (missing.size() < settings) {
			throw new IllegalStateException(channel + " is configured by halves: set " + String.join(", ", missing)
					+ " too (or none of its settings, with LANTERN_SANDBOX=true, for the local sandbox)");
		}
		if (!sandbox) {
			throw new IllegalStateException(channel + " is not configured: set " + String.join(", ", missing)
					+ ", or LANTERN_SANDBOX=true for the local sandbox, where messages go to the sandbox outbox");
		}
		return SANDBOX;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}
}
