package app.lantern.events;

public enum ContactChannel {

	SMS, EMAIL
}
