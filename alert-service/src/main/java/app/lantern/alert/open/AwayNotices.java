package app.lantern.alert.open;

import java.time.Instant;

import app.lantern.alert.time.TimerKind;
import app.lantern.alert.time.Timers;
import app.lantern.events.AlertType;
import app.lantern.events.ClientProfile;
import app.lantern.events.Severity;

/**
 * The notice of a client's own away (AWAY n) for their staff: raised when a profile brings a new or longer away,
 * resolved when it runs out (a timer at its end) or when a newer profile has none (BACK, or staff ended it).
 */
public final class AwayNotices {

	private final OpenAlerts alerts;

	private final Timers timers;

	public AwayNotices(OpenAlerts alerts, Timers timers) {
		this.alerts = alerts;
		this.timers = timers;
	}

	/** A newer profile ({@code held}: the one before, or null). */
	public void followed(ClientProfile held, ClientProfile profile, Instant now) {
		String clientId = profile.clientId();
		Instant until = profile.awayUntil();
		Instant before = held == null ? null : held.awayUntil();
		if (until != null && until.isAfter(now) && !until.equals(before)) {
			alerts.raise(clientId, AlertType.AWAY, Severity.LOW, "the client is away until " + until, now, null,
					profile.version(), now);
			timers.add(until, TimerKind.AWAY_END, clientId);
		}
		if (before != null && !before.equals(until)) {
			timers.remove(before, TimerKind.AWAY_END, clientId);
		}
		if (until == null || !until.isAfter(now)) {
			alerts.find(clientId, AlertType.AWAY)
				.ifPresent(open -> alerts.resolve(open, "the away was ended before its time", now));
		}
	}

	/** The away ending at {@code at} ran its course (if the profile still says it ends then). */
	public void ended(ClientProfile profile, Instant at, Instant now) {
		if (profile != null && at.equals(profile.awayUntil())) {
			alerts.find(profile.clientId(), AlertType.AWAY).ifPresent(open -> alerts.resolve(open, "the away ended", now));
		}
	}
}
