package app.lantern.notifier.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryKind;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.notifier.NotifierProperties;
import app.lantern.notifier.profiles.ProfileView;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Tells the contacts in reach of a raised or escalated alert, on each of their channels. Alerts come a poll
 * at a time: the deliveries of a poll are claimed together and sent side by side, while one client's alerts
 * keep their order (a poll is taken in waves, each with at most one alert of a client, so an all-clear is
 * decided only after the alert it clears was sent).
 */
@Component
class AlertDeliveries {

	private final ProfileView profiles;

	private final DeliveryPipeline pipeline;

	private final DeliveryLog deliveries;

	AlertDeliveries(ProfileView profiles, DeliveryPipeline pipeline, DeliveryLog deliveries) {
		this.profiles = profiles;
		this.pipeline = pipeline;
		this.deliveries = deliveries;
	}

	@KafkaListener(id = "notifier-alerts", topics = Topics.ALERTS, groupId = "notifier-service.alerts", batch = "true",
			concurrency = "#{" + NotifierProperties.BEAN + ".delivery().consumers()}",
			properties = "max.poll.records=#{" + NotifierProperties.BEAN + ".delivery().alertsPerPoll()}")
	void on(List<ConsumerRecord<String, String>> records) {
		List<AlertEvent> alerts = new ArrayList<>(records.size());
		RuntimeException unreadable = null;
		for (ConsumerRecord<String, String> record : records) {
			try {
				alerts.add(EventJson.read(record.value(), AlertEvent.class));
			}
			catch (RuntimeException ex) {
				unreadable = ex;
				break;
			}
		}
		Map<String, ClientProfile> held = profiles.findAll(alerts.stream().map(AlertEvent::clientId).toList());
		int ready = 0;
		while (ready < alerts.size() && (!alerts.get(ready).isOpen() || held.containsKey(alerts.get(ready).clientId()))) {
			ready++;
		}
		for (List<AlertEvent> wave : waves(alerts.subList(0, ready))) {
			List<Intent> intents = new ArrayList<>();
			for (AlertEvent alert : wave) {
				ClientProfile profile = held.get(alert.clientId());
				intents.addAll(alert.state() == AlertState.RESOLVED ? allClear(alert, profile) : tell(alert, profile));
			}
			pipeline.deliver(intents);
		}
		// what came before the failed record is done; the error handler retries the rest from it
		if (ready < alerts.size()) {
			throw new BatchListenerFailedException(
					"no profile yet for the client of alert " + alerts.get(ready).alertId(), ready);
		}
		if (unreadable != null) {
			throw new BatchListenerFailedException("unreadable alert", unreadable, alerts.size());
		}
	}

	/** Splits alerts into waves in which each client appears at most once, keeping each client's order. */
	private static List<List<AlertEvent>> waves(List<AlertEvent> alerts) {
		List<List<AlertEvent>> waves = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (AlertEvent alert : alerts) {
			int wave = seen.merge(alert.clientId(), 1, Integer::sum) - 1;
			if (wave == waves.size()) {
				waves.add(new ArrayList<>());
			}
			waves.get(wave).add(alert);
		}
		return waves;
	}

	/** Every contact in reach of the alert's level, on each of their channels. */
	private static List<Intent> tell(AlertEvent alert, ClientProfile profile) {
		if (!alert.isOpen()) {
			return List.of();
		}
		List<Intent> intents = new ArrayList<>();
		for (ClientProfile.SupportContact contact : profile.contacts()) {
			if (DeliveryChecks.inReach(alert, contact)) {
				for (ContactChannel channel : contact.channels()) {
					intents.add(new Intent(new Claim(DeliveryKind.ALERT, alert.alertId(), alert.clientId(), alert.type(),
							alert.level(), alert.severity().name(), contact.id(), channel), profile, alert));
				}
			}
		}
		return intents;
	}

	/**
	 * The client checked in after a missed check-in: everyone who was told hears "all clear", so no one is left
	 * worrying — under the same checks as any message (the consent may have been revoked since).
	 */
	private List<Intent> allClear(AlertEvent resolved, ClientProfile profile) {
		if (!resolved.saysAllClear() || profile == null) {
			// only the client's own calm check-in clears a miss (not staff, not a crisis or use); or erased since
			return List.of();
		}
		List<Intent> intents = new ArrayList<>();
		for (var told : deliveries.toldOf(resolved.alertId())) {
			profile.contact(told.getKey())
				.ifPresent(contact -> intents.add(new Intent(new Claim(DeliveryKind.ALL_CLEAR, resolved.alertId(),
						resolved.clientId(), resolved.type(), 1, "", contact.id(), told.getValue()), profile, resolved)));
		}
		return intents;
	}
}
