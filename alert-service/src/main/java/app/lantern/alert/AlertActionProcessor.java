package app.lantern.alert;

import java.time.Instant;

import app.lantern.events.AlertAction;
import app.lantern.events.AlertActionType;
import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Acknowledge or resolve an open alert. The action names the alert; it acts only if that alert is still the
 * open one of its type, so a late or repeated action changes nothing.
 */
class AlertActionProcessor implements Processor<String, AlertAction, String, AlertEvent> {

	private ProcessorContext<String, AlertEvent> context;

	private KeyValueStore<String, AlertEvent> openAlerts;

	@Override
	public void init(ProcessorContext<String, AlertEvent> context) {
		this.context = context;
		this.openAlerts = context.getStateStore(AlertTopology.OPEN_ALERTS);
	}

	@Override
	public void process(org.apache.kafka.streams.processor.api.Record<String, AlertAction> record) {
		AlertAction action = record.value();
		if (action == null) {
			return;
		}
		Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
		for (AlertType type : AlertType.values()) {
			String key = OpenAlerts.key(action.clientId(), type);
			AlertEvent open = openAlerts.get(key);
			if (open == null || !open.alertId().equals(action.alertId())) {
				continue;
			}
			if (action.action() == AlertActionType.RESOLVE) {
				openAlerts.delete(key);
				forward(record, open.next(AlertState.RESOLVED, open.severity(), open.level(),
						"resolved by " + action.actorKind().name().toLowerCase(), now));
			}
			else if (open.state() != AlertState.ACKNOWLEDGED) {
				AlertEvent acknowledged = open.next(AlertState.ACKNOWLEDGED, open.severity(), open.level(),
						"acknowledged by " + action.actorKind().name().toLowerCase(), now);
				openAlerts.put(key, acknowledged);
				forward(record, acknowledged);
			}
			return;
		}
	}

	private void forward(org.apache.kafka.streams.processor.api.Record<String, AlertAction> record, AlertEvent event) {
		context.forward(record.withValue(event).withTimestamp(event.occurredAt().toEpochMilli()));
	}
}
