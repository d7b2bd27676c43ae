package app.lantern.notifier.delivery;

import java.util.UUID;

import app.lantern.events.ContactChannel;

/** One way of reaching a person. An error says whether trying again could help. */
public interface Channel {

	ContactChannel kind();

	void send(UUID deliveryId, String address, String subject, String body) throws SendException;

	/**
	 * A send that did not happen: {@code permanent} when trying again cannot help (an invalid number), and
	 * {@code channelAtFault} when the channel itself failed (a timeout, a 5xx) rather than the message having to
	 * wait its turn (a per-number rate).
	 */
	public class SendException extends Exception {

		private final boolean permanent;

		private final boolean channelAtFault;

		public SendException(String message, boolean permanent, Throwable cause) {
			this(message, permanent, !permanent, cause);
		}

		public SendException(String message, boolean permanent, boolean channelAtFault, Throwable cause) {
			super(message, cause);
			this.permanent = permanent;
			this.channelAtFault = channelAtFault;
		}

		public boolean permanent() {
			return permanent;
		}

		public boolean channelAtFault() {
			return channelAtFault;
		}
	}
}
