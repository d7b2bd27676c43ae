package app.lantern.events;

public enum Severity {

	LOW, MEDIUM, HIGH, CRITICAL;

	public boolean isAbove(Severity other) {
		return compareTo(other) > 0;
	}
}
