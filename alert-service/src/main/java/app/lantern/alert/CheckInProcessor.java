package app.lantern.alert;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.UUID;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.CheckInReceived;
import app.lantern.events.ClientProfile;
import app.lantern.events.Severity;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies the single-check-in rules. A check-in seen before (the outbox may deliver twice) is dropped; one
 * open alert per client and type: a repeat of an open alert raises nothing new.
 */
class CheckInProcessor implements Processor<String, CheckInReceived, String, AlertEvent> {

	private static final int DEFAULT_THRESHOLD = 8;

	private static final int REMEMBERED_CHECKINS = 50;

	private ProcessorContext<String, AlertEvent> context;

	private KeyValueStore<String, ClientProfile> profiles;

	private KeyValueStore<String, AlertEvent> openAlerts;

	private KeyValueStore<String, String> recent;

	@Override
	public void init(ProcessorContext<String, AlertEvent> context) {
		this.context = context;
		this.profiles = context.getStateStore(AlertTopology.PROFILES);
		this.openAlerts = context.getStateStore(AlertTopology.OPEN_ALERTS);
		this.recent = context.getStateStore(AlertTopology.RECENT_CHECKINS);
	}

	@Override
	public void process(org.apache.kafka.streams.processor.api.Record<String, CheckInReceived> record) {
		CheckInReceived checkIn = record.value();
		if (checkIn == null || !firstTime(checkIn)) {
			return;
		}
		ClientProfile profile = profiles.get(checkIn.clientId());
		int threshold = profile == null ? DEFAULT_THRESHOLD : profile.cravingThreshold();
		Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
		boolean high = checkIn.craving() != null && checkIn.craving() >= threshold;
		raiseOrKeep(record, checkIn, AlertType.CRISIS, Severity.CRITICAL, checkIn.crisis(), "the client asked for help",
				now);
		raiseOrKeep(record, checkIn, AlertType.REPORTED_USE, Severity.HIGH, checkIn.used(), "the client reported use",
				now);
		raiseOrKeep(record, checkIn, AlertType.HIGH_CRAVING, Severity.HIGH, high,
				"craving at or above the client's threshold", now);
		String key = OpenAlerts.key(checkIn.clientId(), AlertType.HIGH_CRAVING);
		AlertEvent open = openAlerts.get(key);
		if (!high && checkIn.craving() != null && open != null) {
			openAlerts.delete(key);
			AlertEvent resolved = open.next(AlertState.RESOLVED, open.severity(), open.level(),
					"a later check-in was below the threshold", now);
			context.forward(record.withValue(resolved).withTimestamp(now.toEpochMilli()));
		}
	}

	/** Raises the alert when the condition holds and none of its type is open; a repeat raises nothing new. */
	private void raiseOrKeep(org.apache.kafka.streams.processor.api.Record<String, CheckInReceived> record,
			CheckInReceived checkIn, AlertType type, Severity severity, boolean condition, String reason, Instant now) {
		String key = OpenAlerts.key(checkIn.clientId(), type);
		if (!condition || openAlerts.get(key) != null) {
			return;
		}
		AlertEvent raised = AlertEvent.of(UUID.randomUUID(), checkIn.clientId(), type, severity, 1, AlertState.RAISED,
				reason, checkIn.receivedAt(), checkIn.checkInId(), now);
		openAlerts.put(key, raised);
		context.forward(record.withValue(raised).withTimestamp(now.toEpochMilli()));
	}

	private boolean firstTime(CheckInReceived checkIn) {
		String seen = recent.get(checkIn.clientId());
		Deque<String> ids = seen == null ? new ArrayDeque<>() : new ArrayDeque<>(Arrays.asList(seen.split(",")));
		String id = checkIn.checkInId().toString();
		if (ids.contains(id)) {
			return false;
		}
		ids.addFirst(id);
		while (ids.size() > REMEMBERED_CHECKINS) {
			ids.removeLast();
		}
		recent.put(checkIn.clientId(), String.join(",", ids));
		return true;
	}
}
