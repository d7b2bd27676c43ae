package app.lantern.notifier.delivery.listeners;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.lantern.events.AlertEvent;
import app.lantern.events.ClientProfile;
import app.lantern.events.EventJson;
import app.lantern.events.OnCallRota;
import app.lantern.events.Topics;
import app.lantern.notifier.NotifierProperties;
import app.lantern.notifier.delivery.DeliveryMetrics;
import app.lantern.notifier.delivery.DeliveryPipeline;
import app.lantern.notifier.delivery.Intent;
import app.lantern.notifier.delivery.SendTraces;
import app.lantern.notifier.delivery.store.WaitingAlerts;
import app.lantern.notifier.oncall.OnCallView;
import app.lantern.notifier.profiles.ProfileView;
import app.lantern.platform.FailureKind;
import app.lantern.platform.tracing.TraceParent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells the contacts in reach of a raised or escalated alert, on each of their channels. Alerts come a poll
 * at a time: the deliveries of a poll are claimed together and handed to the channels, while one client's
 * alerts keep their order (a poll is taken in waves, each with at most one alert of a client, so an all-clear
 * is claimed after the alert it clears, and sent only once that was). An alert whose profile has not arrived
 * yet waits in {@link WaitingAlerts}, never blocking another client's; a failure that may pass (the database
 * away) holds the poll until it passes (see {@code FailureKind}); an unreadable alert is dead-lettered. Who is
 * told of each step is {@link AlertRecipients}'s to say.
 */
@Component
class AlertDeliveries {

	private final ProfileView profiles;

	private final DeliveryPipeline pipeline;

	private final AlertRecipients recipients;

	private final WaitingAlerts waiting;

	private final DeliveryMetrics metrics;

	private final OnCallView onCall;

	private final Clock clock;

	AlertDeliveries(ProfileView profiles, DeliveryPipeline pipeline, AlertRecipients recipients,
			WaitingAlerts waiting, DeliveryMetrics metrics, OnCallView onCall, Clock clock, SendTraces traces) {
		this.traces = traces;
		this.profiles = profiles;
		this.pipeline = pipeline;
		this.recipients = recipients;
		this.waiting = waiting;
		this.metrics = metrics;
		this.onCall = onCall;
		this.clock = clock;
	}

	private final SendTraces traces;

	@KafkaListener(id = "notifier-alerts", topics = Topics.ALERTS, groupId = "notifier-service.alerts", batch = "true",
			concurrency = "#{" + NotifierProperties.BEAN + ".delivery().consumers()}",
			properties = "max.poll.records=#{" + NotifierProperties.BEAN + ".delivery().alertsPerPoll()}")
	void on(List<ConsumerRecord<String, String>> records) {
		List<AlertEvent> alerts = new ArrayList<>(records.size());
		RuntimeException unreadable = null;
		for (ConsumerRecord<String, String> record : records) {
			try {
				AlertEvent alert = EventJson.read(record.value(), AlertEvent.class);
				traces.arrived(alert.alertId(), TraceParent.of(record.headers()));
				alerts.add(alert);
			}
			catch (RuntimeException ex) {
				unreadable = ex;
				break;
			}
		}
		try {
			decideAndDeliver(alerts);
		}
		catch (RuntimeException ex) {
			// the database away, most likely: the poll is tried again from its first record, with back-off for as
			// long as it takes (claims already made are not made twice); see FailureKind
			throw new BatchListenerFailedException("alerts not delivered yet", ex, 0);
		}
		// what came before the unreadable record is done; the error handler sends it to the dead-letter topic
		if (unreadable != null) {
			throw new BatchListenerFailedException("unreadable alert", unreadable, alerts.size());
		}
	}

	private void decideAndDeliver(List<AlertEvent> alerts) {
		List<String> clients = alerts.stream().map(AlertEvent::clientId).toList();
		Map<String, ClientProfile> held = profiles.findAll(clients);
		Set<String> behind = new HashSet<>(waiting.clientsWaiting(clients));
		List<AlertEvent> now = new ArrayList<>();
		List<AlertEvent> later = new ArrayList<>();
		for (AlertEvent alert : alerts) {
			if (behind.contains(alert.clientId()) || !decidable(alert, held.get(alert.clientId()))) {
				// its profile has not arrived yet, or an earlier alert of the client waits for it
				behind.add(alert.clientId());
				later.add(alert);
			}
			else {
				now.add(alert);
			}
		}
		if (!later.isEmpty()) {
			waiting.add(later);
			metrics.waitedForProfile(later.size());
		}
		deliverInOrder(now, held);
	}

	/** Alerts whose profile has arrived since they came, in each client's order. */
	@Scheduled(fixedDelayString = "#{" + NotifierProperties.BEAN + ".retries().poll().toMillis()}")
	void takeUpWaiting() {
		List<WaitingAlerts.Waiting> ready;
		try {
			ready = waiting.takeReady(500, Duration.ofMinutes(1));
		}
		catch (RuntimeException ex) {
			if (FailureKind.of(ex) != FailureKind.PASSING) {
				throw ex;
			}
			return; // the database away: they keep waiting
		}
		if (ready.isEmpty()) {
			return;
		}
		List<AlertEvent> alerts = ready.stream().map(WaitingAlerts.Waiting::alert).toList();
		deliverInOrder(alerts, profiles.findAll(alerts.stream().map(AlertEvent::clientId).toList()));
		waiting.remove(ready);
	}

	/**
	 * Whether the alert can be decided on the profile held: one as new as the check-in that raised it was
	 * accepted under. A resolved alert that clears nothing needs none; an all-clear with no profile at all is of
	 * an erased client (nothing to say).
	 */
	private static boolean decidable(AlertEvent alert, ClientProfile held) {
		if (!alert.isOpen()) {
			return held == null || held.version() >= alert.needsProfileVersion();
		}
		return held != null && held.version() >= alert.needsProfileVersion();
	}

	private void deliverInOrder(List<AlertEvent> alerts, Map<String, ClientProfile> held) {
		if (alerts.isEmpty()) {
			return;
		}
		OnCallRota rota = onCall.current().orElse(null);
		Instant now = clock.instant();
		for (List<AlertEvent> wave : waves(alerts)) {
			List<Intent> intents = new ArrayList<>();
			for (AlertEvent alert : wave) {
				ClientProfile profile = held.get(alert.clientId());
				intents.addAll(recipients.of(alert, profile, rota, now));
			}
			pipeline.deliver(intents);
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
}
