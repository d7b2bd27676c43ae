package app.lantern.events;

/** What a delivery carries: an alert, a contact's invitation, a reminder to the client, or an all-clear. */
public enum DeliveryKind {

	ALERT, INVITATION, REMINDER, ALL_CLEAR
}
