package app.lantern.events;

public enum AlertState {

	RAISED, ESCALATED, ACKNOWLEDGED, RESOLVED
}
