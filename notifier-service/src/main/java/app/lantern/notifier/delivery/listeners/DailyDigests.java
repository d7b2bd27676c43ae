package app.lantern.notifier.delivery.listeners;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.CheckInReceived;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryKind;
import app.lantern.events.EventJson;
import app.lantern.events.Severity;
import app.lantern.events.Topics;
import app.lantern.notifier.NotifierProperties;
import app.lantern.notifier.delivery.Claim;
import app.lantern.notifier.delivery.DeliveryPipeline;
import app.lantern.notifier.delivery.Intent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The evening note "checked in today" to the contacts who asked for it (they replied DAILY) under a consent to
 * CHECKED_IN_DIGEST: once the contact's evening has come ({@code lantern.digest.at}, in their zone), on the days
 * the client checked in (the client's own day). One a day per contact: the delivery's key is the contact and the
 * day, so a second look, or a second instance, finds it claimed. Every check of an alert is made at the moment of
 * sending (consent, opt-in, STOP, quiet hours) and it is in the disclosure log like any disclosure.
 */
@Component
class DailyDigests {

	private final JdbcClient jdbc;

	private final DeliveryPipeline pipeline;

	private final NotifierProperties.Digest settings;

	private final Clock clock;

	DailyDigests(JdbcClient jdbc, DeliveryPipeline pipeline, NotifierProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.pipeline = pipeline;
		this.settings = properties.digest();
		this.clock = clock;
	}

	/**
	 * Keeps when each client last checked in (the newest wins; a record read twice changes nothing): a poll's
	 * check-ins in one statement and one commit, not one each — every check-in passes here.
	 */
	@KafkaListener(id = "notifier-check-ins", topics = Topics.CHECKINS, groupId = "notifier-service.check-ins",
			batch = "true")
	void on(List<String> payloads) {
		List<String> clients = new ArrayList<>(payloads.size());
		List<String> times = new ArrayList<>(payloads.size());
		RuntimeException unreadable = null;
		for (String payload : payloads) {
			try {
				CheckInReceived checkIn = EventJson.read(payload, CheckInReceived.class);
				clients.add(checkIn.clientId());
				times.add(checkIn.receivedAt().toString());
			}
			catch (RuntimeException ex) {
				unreadable = ex;
				break;
			}
		}
		try {
			jdbc.sql("""
					insert into client_check_in (client_id, last_at)
					select client_id, max(last_at)
					from unnest(cast(? as text[]), cast(? as timestamptz[])) as c(client_id, last_at)
					group by client_id
					on conflict (client_id) do update set last_at = greatest(client_check_in.last_at, excluded.last_at)""")
				.params(clients.toArray(String[]::new), times.toArray(String[]::new))
				.update();
		}
		catch (RuntimeException ex) {
			// the database away, most likely: the poll is tried again from its first record, with back-off
			throw new BatchListenerFailedException("check-ins not kept yet", ex, 0);
		}
		// what came before the unreadable record is kept; the error handler sends it to the dead-letter topic
		if (unreadable != null) {
			throw new BatchListenerFailedException("unreadable check-in", unreadable, clients.size());
		}
	}

	/** The notes whose evening has come, for the clients who checked in in the last day. */
	@Scheduled(fixedDelayString = "#{" + NotifierProperties.BEAN + ".digest().every().toMillis()}")
	void send() {
		Instant now = clock.instant();
		List<Intent> intents = new ArrayList<>();
		jdbc.sql("""
				select p.payload, c.last_at from client_profile p join client_check_in c on c.client_id = p.client_id
				where c.last_at > ? and p.payload like '%"digest":true%'""")
			.param(Timestamp.from(now.minus(Duration.ofDays(1))))
			.query((rs, n) -> {
				ClientProfile profile = EventJson.read(rs.getString("payload"), ClientProfile.class);
				intents.addAll(due(profile, rs.getTimestamp("last_at").toInstant(), now));
				return null;
			})
			.list();
		if (!intents.isEmpty()) {
			pipeline.deliver(intents);
		}
	}

	/** The notes due now for one client who last checked in at {@code lastCheckIn}. */
	List<Intent> due(ClientProfile profile, Instant lastCheckIn, Instant now) {
		if (profile.status() != ClientStatus.ACTIVE) {
			return List.of();
		}
		LocalDate today = now.atZone(profile.timezone()).toLocalDate();
		if (!lastCheckIn.atZone(profile.timezone()).toLocalDate().equals(today)) {
			return List.of();
		}
		List<Intent> intents = new ArrayList<>();
		for (ClientProfile.SupportContact contact : profile.contacts()) {
			ZoneId zone = contact.timezone() == null ? profile.timezone() : contact.timezone();
			ZonedDateTime local = now.atZone(zone);
			if (!contact.digest() || local.toLocalTime().isBefore(settings.at())) {
				continue;
			}
			ContactChannel channel = contact.confirmedChannels().contains(ContactChannel.SMS)
					&& contact.channels().contains(ContactChannel.SMS) ? ContactChannel.SMS : ContactChannel.EMAIL;
			UUID subject = UUID.nameUUIDFromBytes(("digest|" + profile.clientId() + "|" + contact.id() + "|" + today)
				.getBytes(StandardCharsets.UTF_8));
			AlertEvent note = AlertEvent.of(subject, profile.clientId(), AlertType.CHECKED_IN_DIGEST, Severity.LOW, 1,
					AlertState.RAISED, "checked in today", lastCheckIn, null, now);
			intents.add(new Intent(new Claim(DeliveryKind.DIGEST, subject, profile.clientId(),
					AlertType.CHECKED_IN_DIGEST, 1, Severity.LOW.name(), contact.id(), channel), profile, note));
		}
		return intents;
	}
}
