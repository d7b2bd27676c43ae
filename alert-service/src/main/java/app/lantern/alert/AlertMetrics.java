package app.lantern.alert;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import app.lantern.alert.time.TimerKind;
import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.platform.tracing.TraceParent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The engine's own metrics: alerts by type, state and level; how long each scan of the deadline index takes
 * and how many timers it fires; and detection lag, from a deadline passing to its alert. No client data. It
 * also continues a check-in's trace around the engine's judgement of it (a span named {@code rules-engine}).
 */
final class AlertMetrics implements AlertSettings.Observer {

	private final MeterRegistry meters;

	private final Timer scans;

	private final Counter fired;

	private final Timer detectionLag;

	private final TraceParent traces;

	AlertMetrics(MeterRegistry meters, List<String> ruleIds) {
		this(meters, ruleIds, TraceParent.NONE);
	}

	AlertMetrics(MeterRegistry meters, List<String> ruleIds, TraceParent traces) {
		this.meters = meters;
		this.traces = traces;
		this.scans = Timer.builder("lantern.alerts.deadline.scans").register(meters);
		this.fired = Counter.builder("lantern.alerts.timers.fired").register(meters);
		this.detectionLag = Timer.builder("lantern.alerts.detection.lag")
			.description("from a check-in deadline passing to its missed-check-in alert")
			.publishPercentileHistogram()
			.register(meters);
		// at zero from the start, so the programme board and its queries see the series before the first one
		ruleIds.forEach(rule -> meters.counter("lantern.rule.failures", "rule", rule));
		for (TimerKind kind : TimerKind.values()) {
			meters.counter("lantern.alerts.timer.failures", "kind", kind.name());
		}
		for (AlertType type : AlertType.values()) {
			timeToAcknowledge(type, DEFAULT_PROGRAMME);
			for (AlertState state : AlertState.values()) {
				meters.counter("lantern.alerts", "type", type.name(), "state", state.name(), "level", "1", "programme",
						DEFAULT_PROGRAMME);
			}
		}
	}

	@Override
	public void scanned(int handled, long nanos) {
		if (handled > 0) {
			scans.record(nanos, TimeUnit.NANOSECONDS);
			fired.increment(handled);
		}
	}

	/**
	 * The programme of a client whose profile the engine does not hold: the install's own. A programme's id is a
	 * label (a handful per install, each a team's board); a client never is.
	 */
	static final String DEFAULT_PROGRAMME = "default";

	private Timer timeToAcknowledge(AlertType type, String programme) {
		return Timer.builder("lantern.alerts.time.to.acknowledge")
			.description("from an alert raised to its first acknowledgement, by staff or a contact's OK")
			.tag("type", type.name())
			.tag("programme", programme)
			.publishPercentileHistogram()
			.register(meters);
	}

	@Override
	public void judging(String traceparent, Runnable work) {
		if (traceparent == null) {
			work.run();
		}
		else {
			traces.inSpan(traceparent, "rules-engine", work);
		}
	}

	@Override
	public String traceparent(String input) {
		String current = traces.current();
		return current != null ? current : input;
	}

	@Override
	public void missedDeadline(Duration lag) {
		detectionLag.record(lag);
	}

	@Override
	public void alert(AlertEvent event) {
		alert(event, null);
	}

	@Override
	public void alert(AlertEvent event, String programme) {
		String of = programme == null ? DEFAULT_PROGRAMME : programme;
		if (event.state() == AlertState.ACKNOWLEDGED) {
			timeToAcknowledge(event.type(), of).record(Duration.between(event.raisedAt(), event.occurredAt()));
		}
		meters.counter("lantern.alerts", "type", event.type().name(), "state", event.state().name(), "level",
				Integer.toString(event.level()), "programme", of).increment();
	}

	@Override
	public void ruleFailed(String ruleId) {
		meters.counter("lantern.rule.failures", "rule", ruleId).increment();
	}

	@Override
	public void timerFailed(String kind) {
		meters.counter("lantern.alerts.timer.failures", "kind", kind).increment();
	}
}
