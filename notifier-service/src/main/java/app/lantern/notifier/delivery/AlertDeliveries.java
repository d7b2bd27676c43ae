package app.lantern.notifier.delivery;

import java.time.Clock;
import java.time.Instant;
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

	private final Sender sender;

	private final Messages messages;

	private final DeliveryLog deliveries;

	private final Clock clock;

	AlertDeliveries(ProfileView profiles, Sender sender, Messages messages, DeliveryLog deliveries, Clock clock) {
		this.profiles = profiles;
		this.sender = sender;
		this.messages = messages;
		this.deliveries = deliveries;
		this.clock = clock;
	}

	@KafkaListener(id = "notifier-alerts", topics = Topics.ALERTS, groupId = "notifier-service.alerts", batch = "true",
			concurrency = "${lantern.delivery.consumers:2}",
			properties = "max.poll.records=${lantern.delivery.alerts-per-poll:200}")
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
		while (ready < alerts.size() && (!needsProfile(alerts.get(ready)) || held.containsKey(alerts.get(ready).clientId()))) {
			ready++;
		}
		for (List<AlertEvent> wave : waves(alerts.subList(0, ready))) {
			List<Sender.Planned> planned = new ArrayList<>();
			for (AlertEvent alert : wave) {
				planned.addAll(alert.state() == AlertState.RESOLVED ? allClear(alert, held.get(alert.clientId()))
						: tell(alert, held.get(alert.clientId())));
			}
			sender.deliverAll(planned);
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

	private static boolean needsProfile(AlertEvent alert) {
		return alert.isOpen();
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

	private List<Sender.Planned> tell(AlertEvent alert, ClientProfile profile) {
		if (!alert.isOpen()) {
			return List.of();
		}
		Instant now = clock.instant();
		List<Sender.Planned> planned = new ArrayList<>();
		for (ClientProfile.SupportContact contact : profile.contacts()) {
			if (!DeliveryChecks.inReach(alert, contact)) {
				continue;
			}
			for (ContactChannel channel : contact.channels()) {
				var claim = new DeliveryLog.Claim(DeliveryKind.ALERT, alert.alertId(), alert.clientId(), alert.type(),
						alert.level(), alert.severity().name(), contact.id(), channel);
				planned.add(new Sender.Planned(claim, DeliveryChecks.decide(alert, contact, channel, now),
						message(contact.addressOn(channel),
								messages.alert(alert, profile, contact, channel == ContactChannel.EMAIL), alert)));
			}
		}
		return planned;
	}

	/**
	 * The client checked in after a missed check-in: everyone who was told hears "all clear", so no one is left
	 * worrying — under the same checks as any message (the consent may have been revoked since).
	 */
	private List<Sender.Planned> allClear(AlertEvent resolved, ClientProfile profile) {
		if (resolved.type() != AlertType.MISSED_CHECKIN || profile == null) {
			return List.of(); // only a missed check-in clears itself; or the client was erased since
		}
		Instant now = clock.instant();
		List<Sender.Planned> planned = new ArrayList<>();
		for (var recipient : deliveries.toldOf(resolved.alertId())) {
			profile.contacts().stream().filter(contact -> contact.id().equals(recipient.getKey())).findFirst()
				.ifPresent(contact -> {
					ContactChannel channel = recipient.getValue();
					var claim = new DeliveryLog.Claim(DeliveryKind.ALL_CLEAR, resolved.alertId(), resolved.clientId(),
							resolved.type(), 1, "", contact.id(), channel);
					planned.add(new Sender.Planned(claim, DeliveryChecks.decide(resolved, contact, channel, now),
							message(contact.addressOn(channel), messages.allClear(profile, channel == ContactChannel.EMAIL),
									resolved)));
				});
		}
		return planned;
	}

	private static DeliveryLog.Message message(String address, Messages.Rendered rendered, AlertEvent cause) {
		return new DeliveryLog.Message(address, rendered.subject(), rendered.body(), EventJson.writeString(cause));
	}
}
