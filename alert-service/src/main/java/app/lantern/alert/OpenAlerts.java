package app.lantern.alert;

import app.lantern.events.AlertType;

/** Keys of the open-alerts store: one open alert per client and type. */
final class OpenAlerts {

	private OpenAlerts() {
	}

	static String key(String clientId, AlertType type) {
		return clientId + "|" + type.name();
	}
}
