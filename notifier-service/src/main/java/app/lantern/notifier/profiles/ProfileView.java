package app.lantern.notifier.profiles;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import app.lantern.events.ClientProfile;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * The notifier's copy of every client's profile. A profile older than the one held is ignored; a tombstone
 * (an erased client) deletes it. Consent is read from here at the moment of each send.
 * <p>
 * It also remembers, in memory, the newest version it recorded of each client whose partition this instance's
 * consumer holds: while it holds the partition, every newer profile of those clients passes through here, so
 * {@link #versionRecordedHere} is as current as the database — without a round trip at each send. A partition
 * given away is forgotten at once (another instance records its profiles from then on).
 */
@Component
public class ProfileView implements ConsumerSeekAware {

	private record Recorded(long version, int partition) {
	}

	private final JdbcClient jdbc;

	private final Set<Integer> held = ConcurrentHashMap.newKeySet();

	private final Map<String, Recorded> recorded = new ConcurrentHashMap<>();

	private final ProgrammeOf programmes;

	ProfileView(JdbcClient jdbc, ProgrammeOf programmes) {
		this.jdbc = jdbc;
		this.programmes = programmes;
	}

	@KafkaListener(id = "notifier-profiles", topics = Topics.CLIENT_PROFILES, groupId = "notifier-service.profiles")
	void on(ConsumerRecord<String, String> record) {
		if (record.value() == null) {
			programmes.forget(record.key());
			erase(record.key());
			remember(record.key(), -1, record.partition());
			return;
		}
		ClientProfile profile = EventJson.read(record.value(), ClientProfile.class);
		programmes.learned(profile.clientId(), profile.programme());
		// the version held after this record: its own, or a newer one recorded before (a record read again)
		long held = jdbc.sql("""
				with recorded as (
				  insert into client_profile (client_id, version, payload) values (?, ?, ?)
				  on conflict (client_id) do update set version = excluded.version, payload = excluded.payload
				  where client_profile.version < excluded.version
				  returning version)
				select coalesce((select version from recorded),
				                (select version from client_profile where client_id = ?))""")
			.params(profile.clientId(), profile.version(), record.value(), profile.clientId())
			.query(Long.class)
			.single();
		remember(profile.clientId(), held, record.partition());
	}

	/**
	 * An erased client: their profile goes, and so does every address, subject, body and cause of every delivery
	 * of theirs, and what the sandbox kept. What the law keeps stays — each delivery's kind, recipient id, channel,
	 * consent id, status and times (the fact of the disclosure). Sends still waiting are stopped.
	 */
	private void erase(String clientId) {
		jdbc.sql("delete from client_profile where client_id = ?").param(clientId).update();
		jdbc.sql("delete from client_check_in where client_id = ?").param(clientId).update();
		jdbc.sql("delete from sandbox_message where delivery_id in (select id from delivery where client_id = ?)")
			.param(clientId)
			.update();
		jdbc.sql("delete from waiting_alert where client_id = ?").param(clientId).update();
		jdbc.sql("""
				update delivery set address = null, subject = null, body = null, event = null, detail = null,
				  status = case when status = 'QUEUED' then 'SUPPRESSED' else status end,
				  reason = case when status = 'QUEUED' then 'CLIENT_INACTIVE' else reason end,
				  next_attempt_at = null, in_flight_since = null
				where client_id = ?""")
			.param(clientId)
			.update();
	}

	private void remember(String clientId, long version, int partition) {
		if (held.contains(partition)) {
			recorded.merge(clientId, new Recorded(version, partition),
					(before, now) -> version < 0 || now.version() >= before.version() ? now : before);
		}
	}

	/**
	 * The newest version of this client's profile as recorded by this instance, when its partition is held here
	 * (then it is as current as the database); empty otherwise, when the database must be asked.
	 */
	public OptionalLong versionRecordedHere(String clientId) {
		Recorded known = recorded.get(clientId);
		return known != null && held.contains(known.partition()) ? OptionalLong.of(known.version())
				: OptionalLong.empty();
	}

	@Override
	public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
		assignments.keySet().forEach(partition -> held.add(partition.partition()));
	}

	@Override
	public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
		partitions.forEach(partition -> held.remove(partition.partition()));
		recorded.values().removeIf(known -> !held.contains(known.partition()));
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

	/** The versions of the newest profiles held of these clients; a client without one is missing. */
	public Map<String, Long> versionsOf(Collection<String> clientIds) {
		Map<String, Long> versions = new HashMap<>();
		jdbc.sql("select client_id, version from client_profile where client_id = any(?)")
			.param(clientIds.toArray(String[]::new))
			.query(rs -> {
				versions.put(rs.getString(1), rs.getLong(2));
			});
		return versions;
	}

	public Optional<ClientProfile> find(String clientId) {
		return jdbc.sql("select payload from client_profile where client_id = ?")
			.param(clientId)
			.query(String.class)
			.optional()
			.map(json -> EventJson.read(json, ClientProfile.class));
	}
}
