package app.lantern.events;

import static app.lantern.events.Invariants.between;
import static app.lantern.events.Invariants.present;
import static app.lantern.events.Invariants.supportedSchema;
import static app.lantern.events.Invariants.text;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The whole current profile of a client, on the compacted {@link Topics#CLIENT_PROFILES}: everything the
 * rules engine and the notifier need, and nothing more (no coping plan, no check-in history). {@code version}
 * grows with every committed change; a consumer ignores a profile older than the one it holds.
 */
public record ClientProfile(UUID eventId, Instant occurredAt, @JsonProperty(required = true) int schemaVersion, String clientId, @JsonProperty(required = true) long version,
		String displayName, String phone, ClientStatus status, ZoneId timezone, Schedule schedule,
		@JsonProperty(required = true) int cravingThreshold, boolean smsOptedOut, Instant enrolledAt, List<SupportContact> contacts,
		String programme, Instant awayUntil, String language, Map<AlertType, Integer> escalationMinutes,
		List<String> workers, String rules, List<PushSubscription> pushSubscriptions)
		implements LanternEvent {

	public static final int SCHEMA_VERSION = 1;

	/**
	 * A browser the client allowed to show their reminders as notifications (the Web Push subscription their page
	 * made): its push service's {@code endpoint}, and its keys {@code p256dh} and {@code auth} (base64url).
	 */
	public record PushSubscription(String endpoint, String p256dh, String auth) {

		public PushSubscription {
			text(endpoint, "pushSubscriptions.endpoint");
			text(p256dh, "pushSubscriptions.p256dh");
			text(auth, "pushSubscriptions.auth");
		}
	}

	/**
	 * A profile without a browser to push reminders to ({@code pushSubscriptions}: where the client's reminders go as
	 * notifications, SMS the fallback; absent: none, by SMS).
	 */
	public ClientProfile(UUID eventId, Instant occurredAt, int schemaVersion, String clientId, long version,
			String displayName, String phone, ClientStatus status, ZoneId timezone, Schedule schedule,
			int cravingThreshold, boolean smsOptedOut, Instant enrolledAt, List<SupportContact> contacts,
			String programme, Instant awayUntil, String language, Map<AlertType, Integer> escalationMinutes,
			List<String> workers, String rules) {
		this(eventId, occurredAt, schemaVersion, clientId, version, displayName, phone, status, timezone, schedule,
				cravingThreshold, smsOptedOut, enrolledAt, contacts, programme, awayUntil, language, escalationMinutes,
				workers, rules, null);
	}

	/**
	 * A profile whose programme keeps the deployment's rules ({@code rules}: the programme's own rules file, as its
	 * administrator saved it — checked then — which the rules engine judges the client's check-ins by; absent: the
	 * deployment's).
	 */
	public ClientProfile(UUID eventId, Instant occurredAt, int schemaVersion, String clientId, long version,
			String displayName, String phone, ClientStatus status, ZoneId timezone, Schedule schedule,
			int cravingThreshold, boolean smsOptedOut, Instant enrolledAt, List<SupportContact> contacts,
			String programme, Instant awayUntil, String language, Map<AlertType, Integer> escalationMinutes,
			List<String> workers) {
		this(eventId, occurredAt, schemaVersion, clientId, version, displayName, phone, status, timezone, schedule,
				cravingThreshold, smsOptedOut, enrolledAt, contacts, programme, awayUntil, language, escalationMinutes,
				workers, null);
	}

	/**
	 * A profile without workers of its own ({@code workers}: the usernames of the client's primary worker and second,
	 * in that order — told first of an alert while on shift; absent: none).
	 */
	public ClientProfile(UUID eventId, Instant occurredAt, int schemaVersion, String clientId, long version,
			String displayName, String phone, ClientStatus status, ZoneId timezone, Schedule schedule,
			int cravingThreshold, boolean smsOptedOut, Instant enrolledAt, List<SupportContact> contacts,
			String programme, Instant awayUntil, String language, Map<AlertType, Integer> escalationMinutes) {
		this(eventId, occurredAt, schemaVersion, clientId, version, displayName, phone, status, timezone, schedule,
				cravingThreshold, smsOptedOut, enrolledAt, contacts, programme, awayUntil, language, escalationMinutes,
				null);
	}

	/** A profile whose programme sets no escalation timeouts of its own. */
	public ClientProfile(UUID eventId, Instant occurredAt, int schemaVersion, String clientId, long version,
			String displayName, String phone, ClientStatus status, ZoneId timezone, Schedule schedule,
			int cravingThreshold, boolean smsOptedOut, Instant enrolledAt, List<SupportContact> contacts,
			String programme, Instant awayUntil, String language) {
		this(eventId, occurredAt, schemaVersion, clientId, version, displayName, phone, status, timezone, schedule,
				cravingThreshold, smsOptedOut, enrolledAt, contacts, programme, awayUntil, language, null);
	}

	/**
	 * A profile with no away of the client's own ({@code awayUntil}: the end of a planned absence the client texted,
	 * {@code AWAY 3}; absent in profiles written before it existed, and when there is none).
	 */
	public ClientProfile(UUID eventId, Instant occurredAt, int schemaVersion, String clientId, long version,
			String displayName, String phone, ClientStatus status, ZoneId timezone, Schedule schedule,
			int cravingThreshold, boolean smsOptedOut, Instant enrolledAt, List<SupportContact> contacts,
			String programme) {
		this(eventId, occurredAt, schemaVersion, clientId, version, displayName, phone, status, timezone, schedule,
				cravingThreshold, smsOptedOut, enrolledAt, contacts, programme, null);
	}

	/** A profile in English, the default ({@code language}: the client's, a BCP 47 tag such as es; absent: en). */
	public ClientProfile(UUID eventId, Instant occurredAt, int schemaVersion, String clientId, long version,
			String displayName, String phone, ClientStatus status, ZoneId timezone, Schedule schedule,
			int cravingThreshold, boolean smsOptedOut, Instant enrolledAt, List<SupportContact> contacts,
			String programme, Instant awayUntil) {
		this(eventId, occurredAt, schemaVersion, clientId, version, displayName, phone, status, timezone, schedule,
				cravingThreshold, smsOptedOut, enrolledAt, contacts, programme, awayUntil, null);
	}

	/** The client's language for what is said to them: their own, or English. */
	public Locale locale() {
		return Languages.locale(language);
	}

	/** A profile of the default programme (absent in profiles written before programmes existed). */
	public ClientProfile(UUID eventId, Instant occurredAt, int schemaVersion, String clientId, long version,
			String displayName, String phone, ClientStatus status, ZoneId timezone, Schedule schedule,
			int cravingThreshold, boolean smsOptedOut, Instant enrolledAt, List<SupportContact> contacts) {
		this(eventId, occurredAt, schemaVersion, clientId, version, displayName, phone, status, timezone, schedule,
				cravingThreshold, smsOptedOut, enrolledAt, contacts, null);
	}

	public ClientProfile {
		present(eventId, "eventId");
		present(occurredAt, "occurredAt");
		supportedSchema(schemaVersion);
		text(clientId, "clientId");
		if (version < 1) {
			throw new InvalidEventException("version must be at least 1 but was " + version);
		}
		text(displayName, "displayName");
		present(status, "status");
		present(timezone, "timezone");
		present(schedule, "schedule");
		between(cravingThreshold, 0, 10, "cravingThreshold");
		present(enrolledAt, "enrolledAt");
		contacts = List.copyOf(present(contacts, "contacts"));
		// the programme's own escalation timeouts per kind of alert, in minutes: a kind not in it (or a profile without
		// it) climbs on the deployment's
		escalationMinutes = escalationMinutes == null ? Map.of() : Map.copyOf(escalationMinutes);
		escalationMinutes.values().forEach(minutes -> between(minutes, 1, 1440, "escalationMinutes"));
		workers = workers == null ? List.of() : List.copyOf(workers);
		rules = rules == null || rules.isBlank() ? null : rules;
		pushSubscriptions = pushSubscriptions == null ? List.of() : List.copyOf(pushSubscriptions);
	}

	@Override
	public String key() {
		return clientId;
	}

	/**
	 * The profile as a service that decides but never writes to anyone keeps it (the alert service's store and
	 * its changelog topic): the client's and contacts' names, numbers and addresses replaced, the client's browsers
 * to push to left out, all else as is.
	 */
	public ClientProfile withoutPersonalData() {
		List<SupportContact> bare = contacts.stream()
			.map(contact -> new SupportContact(contact.id(), WITHHELD, contact.role(), null, null, contact.channels(),
					contact.tier(), contact.timezone(), contact.quietHours(), contact.anyHour(),
					contact.confirmedChannels(), contact.smsOptedOut(), contact.consents(), contact.digest(),
					contact.language()))
			.toList();
		return new ClientProfile(eventId, occurredAt, schemaVersion, clientId, version, WITHHELD, null, status, timezone,
				schedule, cravingThreshold, smsOptedOut, enrolledAt, bare, programme, awayUntil, language,
				escalationMinutes, workers, rules, null);
	}

	/** What stands in for a name in {@link #withoutPersonalData()}. */
	public static final String WITHHELD = "-";

	/** Whether the client is away by their own word at {@code at}: missed check-ins then raise nothing. */
	public boolean awayAt(Instant at) {
		return awayUntil != null && at.isBefore(awayUntil);
	}

	/** The contact with this id, if the client still has them. */
	public Optional<SupportContact> contact(String contactId) {
		return contacts.stream().filter(contact -> contact.id().equals(contactId)).findFirst();
	}

	/**
	 * Local due times in the client's zone, with the grace after each and the reminder lead before it; and the
	 * reminder ladder's last nudges to the client, optional: one at the due time ({@code nudgeAtDue}) and one
	 * {@code nudgeMinutesAfter} into the grace (0: none) — contacts are told only after the whole ladder, at the
	 * deadline.
	 */
	public record Schedule(List<LocalTime> dueTimes, @JsonProperty(required = true) int graceMinutes, @JsonProperty(required = true) int reminderMinutesBefore,
			Instant effectiveFrom, boolean nudgeAtDue, int nudgeMinutesAfter, DuePlan plan) {

		/** A schedule without the ladder's nudges. */
		public Schedule(List<LocalTime> dueTimes, int graceMinutes, int reminderMinutesBefore, Instant effectiveFrom) {
			this(dueTimes, graceMinutes, reminderMinutesBefore, effectiveFrom, false, 0);
		}

		/** The same due times every day ({@code plan}: absent, or when days differ — by weekday, or stepping down). */
		public Schedule(List<LocalTime> dueTimes, int graceMinutes, int reminderMinutesBefore, Instant effectiveFrom,
				boolean nudgeAtDue, int nudgeMinutesAfter) {
			this(dueTimes, graceMinutes, reminderMinutesBefore, effectiveFrom, nudgeAtDue, nudgeMinutesAfter, null);
		}

		public Schedule {
			dueTimes = List.copyOf(present(dueTimes, "schedule.dueTimes")).stream().sorted().distinct().toList();
			if (dueTimes.isEmpty()) {
				throw new InvalidEventException("schedule.dueTimes needs at least one time");
			}
			plan = plan == null || plan.isEmpty() ? null : plan;
			if (plan != null && plan.hasAnEmptyWeek(dueTimes)) {
				throw new InvalidEventException("schedule.plan leaves a whole week, or a step, with nothing due");
			}
			between(graceMinutes, 1, 720, "schedule.graceMinutes");
			if (nudgeMinutesAfter < 0 || (nudgeMinutesAfter > 0 && nudgeMinutesAfter >= graceMinutes)) {
				throw new InvalidEventException("schedule.nudgeMinutesAfter must be 0 (none) or inside the grace, but was "
						+ nudgeMinutesAfter);
			}
			between(reminderMinutesBefore, 0, 720, "schedule.reminderMinutesBefore");
			present(effectiveFrom, "schedule.effectiveFrom");
		}

		/** The due times of the client's own {@code day}, earliest first: none on a day off. */
		public List<LocalTime> timesOn(LocalDate day) {
			return plan == null ? dueTimes : plan.timesOn(day, dueTimes);
		}
	}

	/**
	 * A person the client chose. {@code confirmedChannels} are those the contact opted in to themselves;
	 * {@code smsOptedOut} is true when their number sent STOP.
	 */
	public record SupportContact(String id, String name, ContactRole role, String phone, String email,
			Set<ContactChannel> channels, @JsonProperty(required = true) int tier, ZoneId timezone, QuietHours quietHours, boolean anyHour,
			Set<ContactChannel> confirmedChannels, boolean smsOptedOut, List<Consent> consents, boolean digest,
			String language) {

		/** A contact in English, the default ({@code language}: theirs, a BCP 47 tag such as es; absent: en). */
		public SupportContact(String id, String name, ContactRole role, String phone, String email,
				Set<ContactChannel> channels, int tier, ZoneId timezone, QuietHours quietHours, boolean anyHour,
				Set<ContactChannel> confirmedChannels, boolean smsOptedOut, List<Consent> consents, boolean digest) {
			this(id, name, role, phone, email, channels, tier, timezone, quietHours, anyHour, confirmedChannels,
					smsOptedOut, consents, digest, null);
		}

		/** The contact's language for what is said to them: their own, or English. */
		public Locale locale() {
			return Languages.locale(language);
		}

		/**
		 * A contact who has not asked for the evening note ({@code digest}: they replied DAILY, and get "checked in
		 * today" on the days the client did, when the client consented to CHECKED_IN_DIGEST).
		 */
		public SupportContact(String id, String name, ContactRole role, String phone, String email,
				Set<ContactChannel> channels, int tier, ZoneId timezone, QuietHours quietHours, boolean anyHour,
				Set<ContactChannel> confirmedChannels, boolean smsOptedOut, List<Consent> consents) {
			this(id, name, role, phone, email, channels, tier, timezone, quietHours, anyHour, confirmedChannels,
					smsOptedOut, consents, false);
		}

		public SupportContact {
			text(id, "contact.id");
			text(name, "contact.name");
			present(role, "contact.role");
			channels = Set.copyOf(present(channels, "contact.channels"));
			between(tier, 1, 3, "contact.tier");
			confirmedChannels = Set.copyOf(present(confirmedChannels, "contact.confirmedChannels"));
			consents = List.copyOf(present(consents, "contact.consents"));
		}

		/**
		 * Whether this contact could be told of {@code type} at {@code at}: a consent covers it, and a channel they
		 * confirmed themselves can carry it (SMS only while their number has not texted STOP). Who is told, and
		 * when, is the notifier's to decide at the moment of sending; this says whether anyone could be.
		 */
		public boolean couldBeToldOf(AlertType type, Instant at) {
			return consents.stream().anyMatch(consent -> consent.covers(type, at)) && confirmedChannels.stream()
				.anyMatch(channel -> channel != ContactChannel.SMS || !smsOptedOut);
		}

		public String addressOn(ContactChannel channel) {
			return channel == ContactChannel.SMS ? phone : email;
		}
	}

	/** Non-urgent alerts wait while the contact's local time is in [start, end); the span may cross midnight. */
	public record QuietHours(LocalTime start, LocalTime end) {

		public QuietHours {
			present(start, "quietHours.start");
			present(end, "quietHours.end");
		}

		public boolean contains(LocalTime time) {
			if (start.equals(end)) {
				return false;
			}
			return start.isBefore(end) ? !time.isBefore(start) && time.isBefore(end)
					: !time.isBefore(start) || time.isBefore(end);
		}
	}

	/**
	 * The client's written consent to tell one contact about some kinds of alert (42 CFR 2.31): active from
	 * {@code givenAt} until the earlier of the end of {@code expiresOn} (in the client's zone) and
	 * {@code revokedAt}.
	 */
	public record Consent(String id, Set<AlertType> alertTypes, String purpose, Instant givenAt,
			LocalDate expiresOn, Instant expiresAt, Instant revokedAt) {

		public Consent {
			text(id, "consent.id");
			alertTypes = Set.copyOf(Invariants.notEmpty(alertTypes, "consent.alertTypes"));
			text(purpose, "consent.purpose");
			present(givenAt, "consent.givenAt");
		}

		public boolean isActiveAt(Instant now) {
			return isActive(givenAt, expiresAt, revokedAt, now);
		}

		/** Active at {@code now}: given, not yet expired, not revoked. The one rule, wherever a consent is read. */
		public static boolean isActive(Instant givenAt, Instant expiresAt, Instant revokedAt, Instant now) {
			return !now.isBefore(givenAt) && (expiresAt == null || now.isBefore(expiresAt))
					&& (revokedAt == null || now.isBefore(revokedAt));
		}

		/** A consent "until {@code expiresOn}" ends when that day ends in the client's zone; null never ends. */
		public static Instant endOf(LocalDate expiresOn, ZoneId clientZone) {
			return expiresOn == null ? null : expiresOn.plusDays(1).atStartOfDay(clientZone).toInstant();
		}

		public boolean covers(AlertType type, Instant now) {
			return alertTypes.contains(type) && isActiveAt(now);
		}
	}
}
