package app.lantern.notifier.delivery;

import java.time.Instant;
import java.util.UUID;

import app.lantern.events.ContactChannel;

/** One way of reaching a person. An error says whether trying again could help. */
public interface Channel {

	ContactChannel kind();

	void send(UUID deliveryId, String address, String subject, String body) throws SendException;

	/**
	 * Whether the channel took this delivery in an earlier attempt whose answer never came (a read time-out, a
	 * crash mid-send), asked of the channel itself. A channel that cannot tell says false: the delivery is then
	 * sent again (e-mail: a rare repeat is better than silence).
	 */
	default boolean alreadyTook(UUID deliveryId, String address, String body, Instant since) throws SendException {
		return false;
	}

	/**
	 * A send that did not happen: {@code permanent} when trying again cannot help (an invalid number), and
	 * {@code channelAtFault} when the channel itself failed (a timeout, a 5xx) rather than the message having to
	 * wait its turn (a per-number rate). {@link #maybeTaken()}: no answer came, so the channel may have taken it.
	 * {@link #credentialsRefused()}: the channel refuses Lantern itself (rotated credentials), so every send on it
	 * rests at once and the operator is told.
	 */
	public class SendException extends Exception {

		private final boolean permanent;

		private final boolean channelAtFault;

		private boolean maybeTaken;

		private boolean credentialsRefused;

		private boolean recipientOptedOut;

		public SendException(String message, boolean permanent, Throwable cause) {
			this(message, permanent, !permanent, cause);
		}

		public SendException(String message, boolean permanent, boolean channelAtFault, Throwable cause) {
			super(message, cause);
			this.permanent = permanent;
			this.channelAtFault = channelAtFault;
		}

		/** No answer came: the channel may have taken the message. */
		public SendException maybeTakenByTheChannel() {
			this.maybeTaken = true;
			return this;
		}

		/** The channel refused Lantern's credentials. */
		public SendException refusingCredentials() {
			this.credentialsRefused = true;
			return this;
		}

		/** The recipient's number replied STOP to the channel itself (Twilio's own opt-out handling, 21610). */
		public SendException recipientOptedOut() {
			this.recipientOptedOut = true;
			return this;
		}

		public boolean permanent() {
			return permanent;
		}

		public boolean optedOut() {
			return recipientOptedOut;
		}

		public boolean channelAtFault() {
			return channelAtFault || credentialsRefused;
		}

		public boolean maybeTaken() {
			return maybeTaken;
		}

		public boolean credentialsRefused() {
			return credentialsRefused;
		}
	}
}
