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

	static ChannelChoice sms(NotifierProperties.Twilio twilio, boolean sandbox) {
		List<String> missing = new ArrayList<>();
		if (blank(twilio.accountSid())) {
			missing.add("LANTERN_TWILIO_ACCOUNT_SID");
		}
		if (blank(twilio.authToken())) {
			missing.add("LANTERN_TWILIO_AUTH_TOKEN");
		}
		if (blank(twilio.from())) {
			missing.add("LANTERN_TWILIO_FROM");
		}
		return choose("Twilio", missing, 3, sandbox);
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
