package app.lantern.events;

import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka's serializer and deserializer for one event type, over {@link EventJson}. A null payload is a
 * tombstone and reads as null; a malformed one throws {@link SerializationException}, which spring-kafka
 * and Kafka Streams route to the dead-letter topic.
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

	private final Class<T> type;

	private JsonSerde(Class<T> type) {
		this.type = type;
	}

	public static <T> JsonSerde<T> of(Class<T> type) {
		return new JsonSerde<>(type);
	}

	@Override
	public byte[] serialize(String topic, T data) {
		return data == null ? null : EventJson.write(data);
	}

	@Override
	public T deserialize(String topic, byte[] data) {
		if (data == null) {
			return null;
		}
		try {
			return EventJson.read(data, type);
		}
		catch (InvalidEventException ex) {
			throw new SerializationException(topic + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
	}

	@Override
	public void close() {
	}

	@Override
	public Serializer<T> serializer() {
		return this;
	}

	@Override
	public Deserializer<T> deserializer() {
		return this;
	}
}
