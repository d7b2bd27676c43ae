package app.lantern.events;

public enum ClientStatus {

	ACTIVE, PAUSED, DISCHARGED
}
