package app.lantern.notifier.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryKind;
import app.lantern.events.DeliveryStatus;
import app.lantern.events.EventJson;
import app.lantern.events.SuppressionReason;
import app.lantern.notifier.delivery.steps.ChannelSenders;
import app.lantern.notifier.profiles.ProgrammeOf;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The notifier's metrics: deliveries by kind, status and channel, suppressions by reason, retries, and the
 * end-to-end time of newly raised alerts. Every series is at zero from the start, so dashboards and
 * {@code rate()} see it before the first of each. No personal data in any tag.
 */
@Component
public class DeliveryMetrics {

	private final MeterRegistry meters;

	private final Function<String, String> programmeOf;

	DeliveryMetrics(MeterRegistry meters, ProgrammeOf programmeOf) {
		this.meters = meters;
		this.programmeOf = programmeOf;
		meters.counter("lantern.deliveries.retries");
		meters.counter("lantern.deliveries.waited.for.profile");
		for (AlertType type : AlertType.values()) {
			meters.counter("lantern.oncall.unstaffed", "type", type.name());
		}
		for (ContactChannel channel : ContactChannel.values()) {
			meters.counter("lantern.channel.credentials.refused", "channel", channel.name());
		}
		for (ContactChannel channel : ContactChannel.values()) {
			for (DeliveryKind kind : DeliveryKind.values()) {
				for (DeliveryStatus status : DeliveryStatus.values()) {
					if (status != DeliveryStatus.QUEUED) {
						outcome(kind, status, channel, ProgrammeOf.UNKNOWN);
					}
				}
			}
			for (SuppressionReason reason : SuppressionReason.values()) {
				suppressed(reason, channel);
			}
			endToEnd("checkin", channel);
			endToEnd("deadline", channel);
		}
	}

	/** A delivery's outcome, counted under its client's programme (never the client). */
	public void finished(Claim claim, DeliveryStatus status) {
		outcome(claim.kind(), status, claim.channel(), programmeOf.apply(claim.clientId())).increment();
	}

	public void suppressed(Claim claim, SuppressionReason reason) {
		suppressed(reason, claim.channel()).increment();
	}

	/** The channel refused Lantern's credentials: an operator must act (the alert rule watches this counter). */
	public void credentialsRefused(ContactChannel channel) {
		meters.counter("lantern.channel.credentials.refused", "channel", channel.name()).increment();
	}

	/** Sends waiting for a thread of their channel. */
	void watchSenders(ChannelSenders senders) {
		for (ContactChannel channel : ContactChannel.values()) {
			meters.gauge("lantern.deliveries.queued.in.memory", List.of(
					Tag.of("channel", channel.name())), senders,
					pool -> pool.queued(channel));
		}
	}

	/** Alerts that came before their client's profile (or the version they need) and wait for it. */
	public void waitedForProfile(int alerts) {
		meters.counter("lantern.deliveries.waited.for.profile").increment(alerts);
	}

	/** An alert that should have reached the staff member on call, with no one on call. */
	public void noOneOnCall(AlertType type) {
		meters.counter("lantern.oncall.unstaffed", "type", type.name()).increment();
	}

	/** A message sent again although an earlier attempt may have gone: its channel could not say, for too long. */
	void sentWithoutKnowing(PendingSend send) {
		meters.counter("lantern.deliveries.sent.unsure", "channel", send.claim().channel().name(), "type",
				send.claim().alertType() == null ? "none" : send.claim().alertType().name()).increment();
	}

	void retried() {
		meters.counter("lantern.deliveries.retries").increment();
	}

	/**
	 * From what caused a newly raised alert to its message leaving: the check-in's arrival (a rule on a check-in)
	 * or the deadline that passed (a missed check-in). Escalations wait on purpose and are not counted.
	 */
	void sent(PendingSend send, Instant now) {
		if (send.claim().kind() != DeliveryKind.ALERT || send.message().event() == null) {
			return;
		}
		// the alert itself when this instance rendered the message; read back from its JSON after a wait
		AlertEvent alert = send.message().cause() instanceof AlertEvent rendered ? rendered
				: EventJson.read(send.message().event(), AlertEvent.class);
		if (alert.state() == AlertState.RAISED) {
			endToEnd(alert.checkInId() != null ? "checkin" : "deadline", send.claim().channel())
				.record(Duration.between(alert.raisedAt(), now));
		}
	}

	private Counter outcome(DeliveryKind kind, DeliveryStatus status, ContactChannel channel, String programme) {
		return meters.counter("lantern.deliveries", "kind", kind.name(), "status", status.name(), "channel",
				channel.name(), "programme", programme);
	}

	private Counter suppressed(SuppressionReason reason, ContactChannel channel) {
		return meters.counter("lantern.deliveries.suppressed", "reason", reason.name(), "channel", channel.name());
	}

	private Timer endToEnd(String trigger, ContactChannel channel) {
		return Timer.builder("lantern.alerts.end.to.end")
			.description("from the check-in received (or the deadline passed) to the alert's message sent")
			.tag("trigger", trigger)
			.tag("channel", channel.name())
			.publishPercentileHistogram()
			.register(meters);
	}
}
