package app.lantern.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** The topic names of the public contract, and how each topic is created. */
public final class Topics {

	public static final String CLIENT_PROFILES = "lantern.client-profiles.v1";
	public static final String CHECKINS = "lantern.checkins.v1";
	public static final String ALERT_ACTIONS = "lantern.alert-actions.v1";
	public static final String ALERTS = "lantern.alerts.v1";
	public static final String CLIENT_MESSAGES = "lantern.client-messages.v1";
	public static final String DELIVERIES = "lantern.deliveries.v1";
	public static final String SMS_STATUS = "lantern.sms-status.v1";
	/** An extension of the first topics: invitations for a new support contact to opt in, checkin → notifier. */
	public static final String CONTACT_INVITATIONS = "lantern.contact-invitations.v1";
	/**
	 * An extension of the first topics: the programme's on-call rota (tier 3), checkin → notifier. Compacted,
	 * one key ({@link OnCallRota#KEY}): the latest rota is the state.
	 */
	public static final String ON_CALL = "lantern.on-call.v1";
	/**
	 * An extension of the first topics: whether the client made it to an appointment (their own answer), checkin →
	 * alert, where a run of missed appointments is evidence of disengagement. Ids and the appointment's kind only.
	 */
	public static final String ATTENDANCE = "lantern.attendance.v1";

	/** spring-kafka's default dead-letter suffix: {@code lantern.alerts.v1-dlt}. */
	public static final String DEAD_LETTER_SUFFIX = "-dlt";

	public static final List<String> ALL = List.of(CLIENT_PROFILES, CHECKINS, ALERT_ACTIONS, ALERTS,
			CLIENT_MESSAGES, DELIVERIES, SMS_STATUS, CONTACT_INVITATIONS, ON_CALL, ATTENDANCE);

	private Topics() {
	}

	public static String deadLetter(String topic) {
		return topic + DEAD_LETTER_SUFFIX;
	}

	private static final long HOUR_MS = 3_600_000L;

	private static final long DAY_MS = 24 * HOUR_MS;

	/**
	 * How long each topic keeps what it holds (docs/privacy.md states the same). Profiles are compacted: the
	 * latest profile of each client is the state, and an erased client's tombstone removes it — a segment rolls
	 * within a day, is compacted at the latest 5 days after it was written ({@code max.compaction.lag.ms}), and
	 * the tombstone itself goes a day later, so an erased client's profiles are gone from the log within 7 days.
	 * A welcome (the client's check-in link) and a contact's invitation (a confirmation link) are secrets: a day.
	 */
	public static Map<String, String> configs(String topic) {
		return switch (topic) {
			case CLIENT_PROFILES -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
					TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(DAY_MS),
					TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0",
					TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, String.valueOf(5 * DAY_MS),
					TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(DAY_MS));
			case ON_CALL -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
			case CLIENT_MESSAGES, CONTACT_INVITATIONS -> Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(DAY_MS),
					TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(HOUR_MS));
			default -> Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(7 * DAY_MS),
					TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(DAY_MS));
		};
	}

	/** A dead-letter topic keeps a record 14 days: time to look at it and replay it, then it goes. */
	public static Map<String, String> deadLetterConfigs() {
		return Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(14 * DAY_MS), TopicConfig.SEGMENT_MS_CONFIG,
				String.valueOf(DAY_MS));
	}

	/** The topic as a service creates it at start when it does not exist yet, with its {@link #configs}. */
	public static NewTopic definition(String topic, int partitions, Optional<Short> replicationFactor) {
		return new NewTopic(topic, Optional.of(partitions), replicationFactor).configs(configs(topic));
	}

	public static NewTopic deadLetterDefinition(String topic, int partitions, Optional<Short> replicationFactor) {
		return new NewTopic(deadLetter(topic), Optional.of(partitions), replicationFactor).configs(deadLetterConfigs());
	}
}
