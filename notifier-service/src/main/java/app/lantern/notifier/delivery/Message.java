package app.lantern.notifier.delivery;

import app.lantern.events.LanternEvent;



/**
 * What to send and why: kept with a delivery that waits, so that a retry says the same and is checked against
 * the same cause ({@code event}, the JSON of the alert, reminder or invitation). {@code cause} is that event itself
 * when this instance rendered the message (so that nothing on the send's path reads the JSON again), null when
 * the message was read back from the log.
 */
public record Message(String address, String subject, String body, String event, LanternEvent cause) {

	public Message(String address, String subject, String body, String event) {
		this(address, subject, body, event, null);
	}
}
