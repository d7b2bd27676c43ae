package app.lantern.system;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.CheckInReceived;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.testsupport.TopicRecords;
import app.lantern.testsupport.TwilioDouble;
import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * What the cluster faults scenario came to, counted from what is on the cluster's topics and what reached the Twilio
 * double: acknowledged check-ins lost, alerts raised twice, deadlines missed, sponsors told twice or not at all,
 * deliveries sent twice, and how long alerting took across the faults.
 */
record ClusterOutcome(ClusterScenario.Run run, List<String> lost, long raisedTwice, int raised,
		List<String> deadlinesMissed, long sponsorsToldTwice, long deliveriesTwice, int deliveries,
		Map<String, Long> untoldPerGroup, List<Long> latencies, long worstAfterKill, Instant lastMissedSms) {

	static ClusterOutcome of(ClusterScenario.Run run, String kafka, WireMockServer twilio) {
		Set<String> published = TopicRecords.all(kafka, Topics.CHECKINS).stream()
			.map(record -> EventJson.read(record.value(), CheckInReceived.class).checkInId().toString())
			.collect(Collectors.toSet());
		List<String> lost = run.acknowledged().keySet().stream().filter(id -> !published.contains(id)).toList();

		List<AlertEvent> raised = TopicRecords.all(kafka, Topics.ALERTS).stream()
			.map(record -> EventJson.read(record.value(), AlertEvent.class))
			.filter(event -> event.state() == AlertState.RAISED)
			.toList();
		long raisedTwice = raised.stream()
			.collect(Collectors.groupingBy(event -> event.clientId() + "/" + event.type(), Collectors.counting()))
			.values().stream().filter(count -> count > 1).count();
		Set<String> missedRaised = raised.stream().filter(event -> event.type() == AlertType.MISSED_CHECKIN)
			.map(AlertEvent::clientId).collect(Collectors.toSet());
		List<String> deadlinesMissed = run.clients().get("deadline").stream()
			.filter(id -> !missedRaised.contains(id)).toList();

		Map<String, List<Instant>> sms = sponsorSms(run, twilio);
		Map<String, Integer> perDelivery = TwilioDouble.sendsPerDelivery(twilio);
		Map<String, Long> untold = new TreeMap<>();
		for (String group : List.of("craving", "crisis", "deadline")) {
			untold.put(group, run.clients().get(group).stream()
				.filter(id -> !sms.containsKey(run.sponsors().get(id))).count());
		}

		// alerting latency: an alerting check-in's 202 to its sponsor's SMS at the Twilio double
		List<Long> latencies = new ArrayList<>();
		long worstAfterKill = 0;
		for (var entry : run.alertingAcknowledged().entrySet()) {
			List<Instant> sent = sms.get(run.sponsors().get(entry.getKey()));
			if (sent != null) {
				long millis = Duration.between(entry.getValue(), sent.get(0)).toMillis();
				latencies.add(millis);
				if (entry.getValue().isAfter(run.instancesKilled().minusSeconds(5))) {
					worstAfterKill = Math.max(worstAfterKill, millis);
				}
			}
		}
		latencies.sort(null);
		Instant lastMissedSms = run.clients().get("deadline").stream().map(run.sponsors()::get).map(sms::get)
			.filter(sends -> sends != null).map(sends -> sends.get(0)).max(Instant::compareTo).orElse(null);
		return new ClusterOutcome(run, lost, raisedTwice, raised.size(), deadlinesMissed,
				sms.values().stream().filter(sends -> sends.size() > 1).count(),
				perDelivery.values().stream().filter(count -> count > 1).count(), perDelivery.size(), untold, latencies,
				worstAfterKill, lastMissedSms);
	}

	/** The alerts each sponsor got (not the invitation), with when the double received them, earliest first. */
	static Map<String, List<Instant>> sponsorSms(ClusterScenario.Run run, WireMockServer twilio) {
		Set<String> sponsorPhones = Set.copyOf(run.sponsors().values());
		Map<String, List<Instant>> sms = new HashMap<>();
		for (TwilioDouble.Text text : TwilioDouble.texts(twilio)) {
			if (sponsorPhones.contains(text.to()) && !text.body().contains("added you as a support contact")) {
				sms.computeIfAbsent(text.to(), phone -> new ArrayList<>()).add(text.at());
			}
		}
		return sms;
	}

	String report() {
		return String.format("""
				cluster faults: 3 KRaft nodes (RF 3, min ISR 2), 2 instances of each service; node 1 SIGKILLed
				  %d s before the deadline, one instance of each service %d s before it; all back after it
				  check-ins acknowledged %d (requests that found their instance dead and went to the other: %d)
				  acknowledged check-ins lost      %d
				  alerts raised twice              %d (of %d raised)
				  deadlines missed                 %d (of %d); the last sponsor told %.1f s after the deadline
				  SMS sent twice                   %d per sponsor, %d per delivery (of %d deliveries)
				  check-in -> sponsor SMS          p50 %d ms, max %d ms; worst for check-ins from 5 s before
				                                   the instance kills on: %d ms
				  sponsors not told, per group     %s
				""", Duration.between(run.brokerKilled(), run.deadline()).toSeconds(),
				Duration.between(run.instancesKilled(), run.deadline()).toSeconds(), run.acknowledged().size(),
				run.unanswered(), lost.size(), raisedTwice, raised, deadlinesMissed.size(),
				run.clients().get("deadline").size(),
				lastMissedSms == null ? Double.NaN : Duration.between(run.deadline(), lastMissedSms).toMillis() / 1000.0,
				sponsorsToldTwice, deliveriesTwice, deliveries, latencies.isEmpty() ? -1 : latencies.get(latencies.size() / 2),
				latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1), worstAfterKill, untoldPerGroup);
	}
}
