package app.lantern.alert;

import app.lantern.events.ClientProfile;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the newest profile of each client; an older version or a replay changes nothing, a tombstone erases. */
class ProfileProcessor implements Processor<String, ClientProfile, Void, Void> {

	private KeyValueStore<String, ClientProfile> profiles;

	@Override
	public void init(ProcessorContext<Void, Void> context) {
		profiles = context.getStateStore(AlertTopology.PROFILES);
	}

	@Override
	public void process(org.apache.kafka.streams.processor.api.Record<String, ClientProfile> record) {
		if (record.key() == null) {
			return;
		}
		if (record.value() == null) {
			profiles.delete(record.key());
			return;
		}
		ClientProfile held = profiles.get(record.key());
		if (held == null || held.version() < record.value().version()) {
			profiles.put(record.key(), record.value());
		}
	}
}
