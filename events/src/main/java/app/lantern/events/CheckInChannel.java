package app.lantern.events;

public enum CheckInChannel {

	SMS, WEB, API
}
