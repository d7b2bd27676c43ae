package app.lantern.checkin.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import app.lantern.events.AlertType;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.ContactChannel;
import app.lantern.events.ContactRole;
import app.lantern.events.Topics;
import app.lantern.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Announces a client's whole current profile after a change, in the change's own transaction. The caller
 * has already bumped the profile version, which also holds the client's row lock until commit.
 */
@Component
public class ProfilePublisher {

	private final ClientRecords records;

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final Clock clock;

	private final PhoneBook phones;

	ProfilePublisher(ClientRecords records, PhoneBook phones, JdbcClient jdbc, Outbox outbox, Clock clock) {
		this.records = records;
		this.phones = phones;
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.clock = clock;
	}

	/** How long a revoked or expired consent stays in the profile after it ended. */
	static final Duration KEPT_AFTER_END = Duration.ofDays(30);

	private static boolean endedAfter(ClientView.ConsentView consent, Instant since) {
		Instant ended = consent.revokedAt() != null ? consent.revokedAt() : consent.expiresAt();
		return ended == null || ended.isAfter(since);
	}

	/** A number's opt-out changed: every profile that shows it is published again. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void changedForPhone(String phone) {
		phones.clientsShowing(phone).forEach(this::changed);
	}

	/** Bumps the version (locking the client's row) and publishes the profile; returns the new version. */
	@Transactional(propagation = Propagation.MANDATORY)
	public long changed(UUID clientId) {
		long version = jdbc.sql("update client set profile_version = profile_version + 1 where id = ? returning profile_version")
			.param(clientId)
			.query(Long.class)
			.single();
		publish(clientId);
		return version;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void publish(UUID clientId) {
		outbox.append(Topics.CLIENT_PROFILES, profile(clientId));
	}

	/** The client's whole profile as it stands: what is published, and what the rules and the notifier decide on. */
	@Transactional(readOnly = true)
	public ClientProfile profile(UUID clientId) {
		ClientView client = records.find(clientId).orElseThrow();
		Set<String> optedOut = Set.copyOf(jdbc.sql("""
				select o.phone from opt_out o where o.phone = ?
				union select o.phone from opt_out o join support_contact s on s.phone = o.phone where s.client_id = ?""")
			.params(client.phone(), clientId)
			.query(String.class)
			.list());
		ZoneId zone = ZoneId.of(client.timezone());
		ClientProfile.QuietHours programmeQuiet = quietHours(client.programme());
		List<ClientProfile.SupportContact> contacts = client.contacts().stream().map(contact -> {
			Set<ContactChannel> confirmed = EnumSet.noneOf(ContactChannel.class);
			if (contact.smsConfirmedAt() != null) {
				confirmed.add(ContactChannel.SMS);
			}
			if (contact.emailConfirmedAt() != null) {
				confirmed.add(ContactChannel.EMAIL);
			}
			// a consent ended long ago decides nothing now: it stays in the database and the disclosure log, not
			// in the profile, so a profile's size is bounded by what is in force (Kafka refuses records past 1 MiB)
			List<ClientProfile.Consent> consents = contact.consents().stream()
				.filter(consent -> consent.active() || endedAfter(consent, clock.instant().minus(KEPT_AFTER_END)))
				.map(consent -> new ClientProfile.Consent(consent.id().toString(),
						consent.alertTypes().stream().map(AlertType::valueOf).collect(Collectors.toSet()),
						consent.purpose(), consent.givenAt(), consent.expiresOn(), consent.expiresAt(),
						consent.revokedAt()))
				.toList();
			ZoneId contactZone = contact.timezone() == null ? zone : ZoneId.of(contact.timezone());
			// a contact who set no quiet hours of their own keeps the programme's, if it has any
			ClientProfile.QuietHours quiet = contact.quietStart() == null ? programmeQuiet
					: new ClientProfile.QuietHours(contact.quietStart(), contact.quietEnd());
			return new ClientProfile.SupportContact(contact.id().toString(), contact.name(),
					ContactRole.valueOf(contact.role()), contact.phone(), contact.email(),
					contact.channels().stream().map(ContactChannel::valueOf).collect(Collectors.toSet()),
					contact.tier(), contactZone, quiet, contact.anyHour(), confirmed,
					contact.phone() != null && optedOut.contains(contact.phone()), consents, contact.digest(),
					contact.language() == null ? client.language() : contact.language());
		}).toList();
		return new ClientProfile(UUID.randomUUID(), clock.instant(), ClientProfile.SCHEMA_VERSION,
				clientId.toString(), client.profileVersion(), client.displayName(), client.phone(),
				ClientStatus.valueOf(client.status()), zone,
				client.schedule().asKept(),
				client.cravingThreshold(), optedOut.contains(client.phone()), client.enrolledAt(), contacts,
				client.programme(), client.awayUntil(), client.language(), escalationMinutes(client.programme()),
				workers(clientId), rules(client.programme()), pushSubscriptions(clientId));
	}

	/** The browsers the client allowed to show their reminders as notifications, the newest first. */
	private List<ClientProfile.PushSubscription> pushSubscriptions(UUID clientId) {
		return jdbc.sql("select endpoint, p256dh, auth from push_subscription where client_id = ? order by created_at desc")
			.param(clientId)
			.query((rs, n) -> new ClientProfile.PushSubscription(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	/** The programme's own rules file, or null for the deployment's. */
	private String rules(String programme) {
		return jdbc.sql("select rules from programme where id = ?").param(programme).query(String.class).optional()
			.orElse(null);
	}

	/** The client's primary worker and second, in that order: told first of an alert while on shift. */
	private List<String> workers(UUID clientId) {
		return jdbc.sql("select primary_worker, second_worker from client where id = ?")
			.param(clientId)
			.query((rs, n) -> java.util.stream.Stream.of(rs.getString("primary_worker"), rs.getString("second_worker"))
				.filter(java.util.Objects::nonNull).toList())
			.optional()
			.orElse(List.of());
	}

	/** The quiet hours of the programme's contacts who set none, or null. */
	private ClientProfile.QuietHours quietHours(String programme) {
		return jdbc.sql("select quiet_start, quiet_end from programme where id = ? and quiet_start is not null")
			.param(programme)
			.query((rs, n) -> new ClientProfile.QuietHours(rs.getObject("quiet_start", LocalTime.class),
					rs.getObject("quiet_end", LocalTime.class)))
			.optional()
			.orElse(null);
	}

	/** The programme's own escalation timeouts, which every profile of its clients carries to the rules engine. */
	private Map<AlertType, Integer> escalationMinutes(String programme) {
		Map<AlertType, Integer> minutes = new EnumMap<>(AlertType.class);
		jdbc.sql("select key, value::int as minutes from programme p, jsonb_each_text(p.escalation_minutes) where p.id = ?")
			.param(programme)
			.query((rs, n) -> minutes.put(AlertType.valueOf(rs.getString("key")), rs.getInt("minutes")))
			.list();
		return minutes;
	}

	/** The programme's policy changed: every profile of its clients is published again, in this transaction. */
	@Transactional(propagation = Propagation.MANDATORY)
	public int changedForProgramme(String programme) {
		List<UUID> clients = jdbc.sql("select id from client where programme_id = ? order by id").param(programme)
			.query(UUID.class)
			.list();
		clients.forEach(this::changed);
		return clients.size();
	}
}
