package app.lantern.notifier.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import app.lantern.events.AlertEvent;
import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryEvent;
import app.lantern.events.DeliveryStatus;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.notifier.profiles.ProfileView;
import app.lantern.platform.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the contacts in reach of a raised or escalated alert. Each (alert, level, recipient, channel) is
 * claimed by a unique row before anything is sent, so a redelivered alert sends nothing twice; a claim
 * still QUEUED after a crash is sent again, the one case where a message can go twice.
 */
@Component
class AlertDeliveries {

	private static final Logger log = LoggerFactory.getLogger(AlertDeliveries.class);

	private final ProfileView profiles;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Outbox outbox;

	private final Messages messages;

	private final Map<ContactChannel, Channel> channels;

	private final Clock clock;

	private final MeterRegistry meters;

	AlertDeliveries(ProfileView profiles, JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox,
			Messages messages, List<Channel> channels, Clock clock, MeterRegistry meters) {
		this.profiles = profiles;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.outbox = outbox;
		this.messages = messages;
		this.channels = channels.stream().collect(Collectors.toMap(Channel::kind, Function.identity()));
		this.clock = clock;
		this.meters = meters;
	}

	@KafkaListener(id = "notifier-alerts", topics = Topics.ALERTS, groupId = "notifier-service.alerts")
	void on(String payload) {
		AlertEvent alert = EventJson.read(payload, AlertEvent.class);
		if (!alert.isOpen()) {
			return;
		}
		ClientProfile profile = profiles.find(alert.clientId())
			.orElseThrow(() -> new IllegalStateException("no profile yet for the client of alert " + alert.alertId()));
		for (ClientProfile.SupportContact contact : profile.contacts()) {
			if (!DeliveryChecks.inReach(alert, contact)) {
				continue;
			}
			for (ContactChannel channel : contact.channels()) {
				deliver(alert, profile, contact, channel);
			}
		}
	}

	private void deliver(AlertEvent alert, ClientProfile profile, ClientProfile.SupportContact contact,
			ContactChannel channel) {
		Instant now = clock.instant();
		Decision decision = DeliveryChecks.decide(alert, contact, channel, now);
		UUID deliveryId = claim(alert, contact, channel, decision, now);
		if (deliveryId == null || decision instanceof Decision.Suppress) {
			return;
		}
		String consentId = ((Decision.Send) decision).consentId();
		Messages.Rendered message = messages.alert(alert, profile, contact, channel == ContactChannel.EMAIL);
		try {
			channels.get(channel).send(deliveryId, contact.addressOn(channel), message.subject(), message.body());
			finish(deliveryId, alert, contact, channel, consentId, DeliveryStatus.SENT, null);
		}
		catch (Channel.SendException ex) {
			log.warn("Delivery {} on {} failed ({}): {}", deliveryId, channel,
					ex.permanent() ? "permanent" : "recoverable", ex.getMessage());
			if (ex.permanent()) {
				finish(deliveryId, alert, contact, channel, consentId, DeliveryStatus.FAILED, ex.getMessage());
			}
			else {
				throw new IllegalStateException("recoverable send failure; the record will be retried", ex);
			}
		}
	}

	/**
	 * Claims the send; returns the delivery id to send under, or null when it was already done. A suppression
	 * is recorded and announced in the same transaction as its claim.
	 */
	private UUID claim(AlertEvent alert, ClientProfile.SupportContact contact, ContactChannel channel,
			Decision decision, Instant now) {
		return transactions.execute(status -> {
			var existing = jdbc.sql("""
					select id, status from delivery
					where alert_id = ? and level = ? and recipient = ? and channel = ?""")
				.params(alert.alertId(), alert.level(), contact.id(), channel.name())
				.query((rs, n) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("status")))
				.optional();
			if (existing.isPresent()) {
				return DeliveryStatus.QUEUED.name().equals(existing.get().getValue()) ? existing.get().getKey() : null;
			}
			UUID id = UUID.randomUUID();
			boolean suppressed = decision instanceof Decision.Suppress;
			String consentId = decision instanceof Decision.Send send ? send.consentId()
					: ((Decision.Suppress) decision).consentId();
			var reason = decision instanceof Decision.Suppress suppress ? suppress.reason() : null;
			int inserted = jdbc.sql("""
					insert into delivery (id, client_id, alert_id, alert_type, level, recipient, channel, consent_id,
					  status, reason, created_at, updated_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
				.params(id, alert.clientId(), alert.alertId(), alert.type().name(), alert.level(), contact.id(),
						channel.name(), consentId, suppressed ? "SUPPRESSED" : "QUEUED",
						reason == null ? null : reason.name(), Timestamp.from(now), Timestamp.from(now))
				.update();
			if (inserted == 0) {
				return null;
			}
			if (suppressed) {
				outbox.append(Topics.DELIVERIES, new DeliveryEvent(UUID.randomUUID(), now, DeliveryEvent.SCHEMA_VERSION,
						id, alert.clientId(), alert.alertId(), alert.type(), alert.level(), contact.id(), channel,
						consentId, DeliveryStatus.SUPPRESSED, reason, null));
				meters.counter("lantern.deliveries.suppressed", "reason", reason.name(), "channel", channel.name())
					.increment();
			}
			return id;
		});
	}

	private void finish(UUID deliveryId, AlertEvent alert, ClientProfile.SupportContact contact,
			ContactChannel channel, String consentId, DeliveryStatus status, String detail) {
		Instant now = clock.instant();
		transactions.executeWithoutResult(tx -> {
			jdbc.sql("update delivery set status = ?, detail = ?, updated_at = ? where id = ?")
				.params(status.name(), detail, Timestamp.from(now), deliveryId)
				.update();
			outbox.append(Topics.DELIVERIES, new DeliveryEvent(UUID.randomUUID(), now, DeliveryEvent.SCHEMA_VERSION,
					deliveryId, alert.clientId(), alert.alertId(), alert.type(), alert.level(), contact.id(), channel,
					consentId, status, null, null));
		});
		meters.counter("lantern.deliveries", "status", status.name(), "channel", channel.name()).increment();
	}
}
