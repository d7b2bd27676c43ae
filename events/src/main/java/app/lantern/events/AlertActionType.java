package app.lantern.events;

public enum AlertActionType {

	ACKNOWLEDGE, RESOLVE
}
