package app.lantern.alert;

import app.lantern.events.AlertAction;
import app.lantern.events.AlertEvent;
import app.lantern.events.CheckInReceived;
import app.lantern.events.ClientProfile;
import app.lantern.events.JsonSerde;
import app.lantern.events.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the topology: profiles, check-ins and alert actions of a client meet in one processor that owns the
 * client's state, and alert events come out. Every input is keyed by client id and has the same partition
 * count, so a client's state and events live on one task.
 */
public final class AlertTopology {

	static final String PROFILES = "profiles";

	static final String OPEN_ALERTS = "open-alerts";

	static final String RECENT_CHECKINS = "recent-checkins";

	private AlertTopology() {
	}

	public static void build(StreamsBuilder builder) {
		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROFILES), Serdes.String(),
				JsonSerde.of(ClientProfile.class)));
		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OPEN_ALERTS),
				Serdes.String(), JsonSerde.of(AlertEvent.class)));
		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RECENT_CHECKINS),
				Serdes.String(), Serdes.String()));

		builder.stream(Topics.CLIENT_PROFILES, Consumed.with(Serdes.String(), JsonSerde.of(ClientProfile.class)))
			.process(ProfileProcessor::new, PROFILES, OPEN_ALERTS);

		builder.stream(Topics.CHECKINS, Consumed.with(Serdes.String(), JsonSerde.of(CheckInReceived.class)))
			.process(CheckInProcessor::new, PROFILES, OPEN_ALERTS, RECENT_CHECKINS)
			.to(Topics.ALERTS, Produced.with(Serdes.String(), JsonSerde.of(AlertEvent.class)));

		builder.stream(Topics.ALERT_ACTIONS, Consumed.with(Serdes.String(), JsonSerde.of(AlertAction.class)))
			.process(AlertActionProcessor::new, OPEN_ALERTS)
			.to(Topics.ALERTS, Produced.with(Serdes.String(), JsonSerde.of(AlertEvent.class)));
	}
}
