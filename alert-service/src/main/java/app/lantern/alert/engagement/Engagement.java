package app.lantern.alert.engagement;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import java.util.Optional;

import app.lantern.alert.open.OpenAlerts;
import app.lantern.alert.time.Watches;
import app.lantern.events.AlertEvent;
import app.lantern.events.AlertType;
import app.lantern.events.Severity;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Each client's adherence, kept up to date as their deadlines pass: one read and one write per deadline, no scan
 * of anyone else. What the rule then says is the caller's to act on.
 */
public final class Engagement {

	private final KeyValueStore<String, Adherence> store;

	private final DisengagementRule rule;

	public Engagement(KeyValueStore<String, Adherence> store, DisengagementRule rule) {
		this.store = store;
		this.rule = rule;
	}

	/**
	 * The due time {@code due} (in the client's zone {@code zone}) has passed, kept by a check-in at {@code keptAt}
	 * or missed (null): its day's counts go up and the evidence of a drift moves; returns the rule's step and the
	 * trend after it.
	 */
	private Judged duePassed(String clientId, Instant due, ZoneId zone, Instant keptAt, boolean open) {
		long day = due.atZone(zone).toLocalDate().toEpochDay();
		long late = keptAt == null ? 0 : Math.max(0, Duration.between(due, keptAt).toMinutes());
		Adherence held = store.get(clientId);
		Adherence counted = (held == null ? Adherence.none() : held).with(day, keptAt != null, late, rule.daysKept());
		DisengagementRule.Trend trend = rule.trend(counted, day);
		DisengagementRule.Step step = rule.step(trend, counted.evidence(), keptAt != null, late, open);
		store.put(clientId, counted.withEvidence(step.evidence()));
		return new Judged(step, trend);
	}

	/** What the rule said after a due time, and the two windows to show staff. */
	private record Judged(DisengagementRule.Step step, DisengagementRule.Trend trend) {
	}

	/**
	 * The passed due time counts towards the client's adherence; a drift from their own usual raises DISENGAGING
	 * (MEDIUM, for staff, with the figures), and their return to it resolves it.
	 */
	public void duePassed(String clientId, Watches.Passed passed, OpenAlerts alerts, Instant now) {
		Optional<AlertEvent> open = alerts.find(clientId, AlertType.DISENGAGING);
		Judged judged = duePassed(clientId, passed.watch().due(), passed.zone(),
				passed.missed() ? null : passed.watch().keptAt(), open.isPresent());
		switch (judged.step().verdict()) {
			case RAISE -> alerts.raise(clientId, AlertType.DISENGAGING, Severity.MEDIUM, judged.trend().describe(),
					passed.watch().deadline(), null, now);
			case RESOLVE -> alerts.resolve(open.get(), "check-ins are back near the client's usual", now);
			case NOTHING -> {
			}
		}
	}

	/**
	 * The client answered whether they made it to an appointment that started at {@code startsAt} ({@code today} the
	 * epoch day in their zone): a missed one adds to the evidence of a drift, one they made takes from it, and the
	 * rule's verdict is acted on as after a due time.
	 */
	public void appointment(String clientId, boolean attended, long today, Instant startsAt, OpenAlerts alerts,
			Instant now) {
		Adherence held = store.get(clientId);
		if (held == null) {
			return; // no due time has passed yet: no usual to judge against
		}
		Optional<AlertEvent> open = alerts.find(clientId, AlertType.DISENGAGING);
		Adherence counted = held.withAppointment(today, attended, rule.daysKept());
		DisengagementRule.Trend trend = rule.trend(counted, today);
		DisengagementRule.Step step = rule.appointment(trend, counted.evidence(), attended, open.isPresent());
		store.put(clientId, counted.withEvidence(step.evidence()));
		switch (step.verdict()) {
			case RAISE -> alerts.raise(clientId, AlertType.DISENGAGING, Severity.MEDIUM,
					trend.describe() + "; and a missed appointment", startsAt, null, now);
			case RESOLVE -> alerts.resolve(open.get(), "check-ins and appointments are back near the client's usual", now);
			case NOTHING -> {
			}
		}
	}

	public void forget(String clientId) {
		store.delete(clientId);
	}
}
