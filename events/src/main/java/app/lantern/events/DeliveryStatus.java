package app.lantern.events;

public enum DeliveryStatus {

	QUEUED, SENT, DELIVERED, FAILED, SUPPRESSED
}
