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
	/** An extension of DESIGN.md's topics: invitations for a new support contact to opt in, checkin → notifier. */
	public static final String CONTACT_INVITATIONS = "lantern.contact-invitations.v1";
	/**
	 * An extension of DESIGN.md's topics: the programme's on-call rota (tier 3), checkin → notifier. Compacted,
	 * one key ({@link OnCallRota#KEY}): the latest rota is the state.
	 */
	public static final String ON_CALL = "lantern.on-call.v1";

	/** spring-kafka's default dead-letter suffix: {@code lantern.alerts.v1-dlt}. */
	public static final String DEAD_LETTER_SUFFIX = "-dlt";

	public static final List<String> ALL = List.of(CLIENT_PROFILES, CHECKINS, ALERT_ACTIONS, ALERTS,
			CLIENT_MESSAGES, DELIVERIES, SMS_STATUS, CONTACT_INVITATIONS, ON_CALL);

	private Topics() {
	}

	public static String deadLetter(String topic) {
		return topic + DEAD_LETTER_SUFFIX;
	}

	/**
	 * The topic as a service creates it at start when it does not exist yet. Profiles are compacted: the
	 * latest profile of each client is the state, and an erased client's tombstone removes it.
	 */
	public static NewTopic definition(String topic, int partitions, Optional<Short> replicationFactor) {
		NewTopic newTopic = new NewTopic(topic, Optional.of(partitions), replicationFactor);
		if (CLIENT_PROFILES.equals(topic) || ON_CALL.equals(topic)) {
			newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
		}
		return newTopic;
	}

	public static NewTopic deadLetterDefinition(String topic, int partitions, Optional<Short> replicationFactor) {
		return new NewTopic(deadLetter(topic), Optional.of(partitions), replicationFactor);
	}
}
