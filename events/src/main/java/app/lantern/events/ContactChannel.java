package app.lantern.events;

import java.util.Set;

/**
 * How someone is told. A contact chooses SMS, e-mail or both ({@link #FOR_CONTACTS}); {@code VOICE} (an extension) is
 * a phone call to the staff member on call when a crisis goes unacknowledged — never to a contact.
 */
public enum ContactChannel {

	SMS, EMAIL, VOICE;

	/** The channels a support contact may choose. */
	public static final Set<ContactChannel> FOR_CONTACTS = Set.of(SMS, EMAIL);
}
