package app.lantern.notifier.delivery;

import java.util.UUID;

import app.lantern.events.ContactChannel;

/** One way of reaching a person. An error says whether trying again could help. */
public interface Channel {

	ContactChannel kind();

	void send(UUID deliveryId, String address, String subject, String body) throws SendException;

	public class SendException extends Exception {

		private final boolean permanent;

		public SendException(String message, boolean permanent, Throwable cause) {
			super(message, cause);
			this.permanent = permanent;
		}

		public boolean permanent() {
			return permanent;
		}
	}
}
