package app.lantern.notifier.profiles;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import app.lantern.events.ClientProfile;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The notifier's copy of every client's profile. A profile older than the one held is ignored; a tombstone
 * (an erased client) deletes it. Consent is read from here at the moment of each send.
 */
@Component
public class ProfileView {

	private final JdbcClient jdbc;

	ProfileView(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@KafkaListener(id = "notifier-profiles", topics = Topics.CLIENT_PROFILES, groupId = "notifier-service.profiles")
	void on(ConsumerRecord<String, String> record) {
		if (record.value() == null) {
			jdbc.sql("delete from client_profile where client_id = ?").param(record.key()).update();
			return;
		}
		ClientProfile profile = EventJson.read(record.value(), ClientProfile.class);
		jdbc.sql("""
				insert into client_profile (client_id, version, payload) values (?, ?, ?)
				on conflict (client_id) do update set version = excluded.version, payload = excluded.payload
				where client_profile.version < excluded.version""")
			.params(profile.clientId(), profile.version(), record.value())
			.update();
	}

	/** The profiles held of these clients, by client id; a client without one is missing from the map. */
	public Map<String, ClientProfile> findAll(Collection<String> clientIds) {
		Map<String, ClientProfile> found = new HashMap<>();
		if (clientIds.isEmpty()) {
			return found;
		}
		jdbc.sql("select payload from client_profile where client_id = any(?)")
			.param(clientIds.stream().distinct().toArray(String[]::new))
			.query(String.class)
			.list()
			.forEach(json -> {
				ClientProfile profile = EventJson.read(json, ClientProfile.class);
				found.put(profile.clientId(), profile);
			});
		return found;
	}

	/** The version of the newest profile held of this client; empty when there is none (never seen, or erased). */
	public Optional<Long> versionOf(String clientId) {
		return jdbc.sql("select version from client_profile where client_id = ?")
			.param(clientId)
			.query(Long.class)
			.optional();
	}

	public Optional<ClientProfile> find(String clientId) {
		return jdbc.sql("select payload from client_profile where client_id = ?")
			.param(clientId)
			.query(String.class)
			.optional()
			.map(json -> EventJson.read(json, ClientProfile.class));
	}
}
