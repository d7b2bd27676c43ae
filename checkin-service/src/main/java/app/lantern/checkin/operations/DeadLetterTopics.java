package app.lantern.checkin.operations;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import app.lantern.events.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * The dead-letter topics ({@code <topic>-dlt}) as an operator sees them. A record is shown by where it came from
 * and why it failed — the {@code kafka_dlt-*} headers — never by its payload. Replaying sends each record, key
 * and value unchanged, back to the topic it came from; every consumer drops an event id it has already seen, so
 * a record replayed twice does no harm, but the replay group's committed offset makes each record go back once.
 */
@Component
class DeadLetterTopics {

	static final String REPLAY_GROUP = "lantern-operator.dlt-replay";

	static final String REPLAYED_FROM = "lantern-replayed-from";

	private static final Logger log = LoggerFactory.getLogger(DeadLetterTopics.class);

	private static final Duration POLL = Duration.ofMillis(500);

	private final ConsumerFactory<String, String> consumers;

	private final KafkaTemplate<String, String> kafka;

	DeadLetterTopics(ConsumerFactory<String, String> consumers, KafkaTemplate<String, String> kafka) {
		this.consumers = consumers;
		this.kafka = kafka;
	}

	/** A dead letter by its headers: where it came from, when, and which exception sent it here. */
	record DeadLetter(int partition, long offset, Instant deadLetteredAt, String key, String originalTopic,
			Integer originalPartition, Long originalOffset, String exception, String cause, int payloadBytes,
			boolean replayed) {
	}

	record Summary(String topic, long records, long waitingForReplay) {
	}

	static boolean isDeadLetterTopic(String topic) {
		return Topics.ALL.stream().map(Topics::deadLetter).anyMatch(topic::equals);
	}

	List<Summary> summaries() {
		try (Consumer<String, String> consumer = consumer()) {
			List<Summary> summaries = new ArrayList<>();
			for (String source : Topics.ALL) {
				String topic = Topics.deadLetter(source);
				List<TopicPartition> partitions = partitions(consumer, topic);
				Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
				Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
				Map<TopicPartition, OffsetAndMetadata> replayed = consumer.committed(new HashSet<>(partitions));
				long records = 0;
				long waiting = 0;
				for (TopicPartition partition : partitions) {
					records += end.get(partition) - begin.get(partition);
					OffsetAndMetadata done = replayed.get(partition);
					waiting += end.get(partition) - Math.max(begin.get(partition), done == null ? 0 : done.offset());
				}
				summaries.add(new Summary(topic, records, waiting));
			}
			return summaries;
		}
	}

	/** Up to {@code limit} records of the topic, the newest of each partition last. */
	List<DeadLetter> inspect(String topic, int limit) {
		try (Consumer<String, String> consumer = consumer()) {
			List<TopicPartition> partitions = partitions(consumer, topic);
			Map<TopicPartition, OffsetAndMetadata> replayed = consumer.committed(new HashSet<>(partitions));
			List<DeadLetter> letters = new ArrayList<>();
			for (ConsumerRecord<String, String> record : readAll(consumer, partitions, null, limit)) {
				OffsetAndMetadata done = replayed.get(new TopicPartition(record.topic(), record.partition()));
				letters.add(describe(record, done != null && record.offset() < done.offset()));
			}
			return letters;
		}
	}

	/**
	 * Sends every record of the topic not replayed before back to its original topic, and remembers how far it
	 * got; returns how many went back.
	 */
	int replay(String topic, String operator) {
		try (Consumer<String, String> consumer = consumer()) {
			List<TopicPartition> partitions = partitions(consumer, topic);
			Map<TopicPartition, OffsetAndMetadata> done = consumer.committed(new HashSet<>(partitions));
			List<ConsumerRecord<String, String>> records = readAll(consumer, partitions, done, Integer.MAX_VALUE);
			Map<TopicPartition, OffsetAndMetadata> next = new LinkedHashMap<>();
			// back to the topic this dead-letter topic is of, and nowhere else: a record's headers are anyone's to
			// write, so one that names another topic (a compacted one, Kafka's own) is left where it is
			String target = topic.substring(0, topic.length() - Topics.DEAD_LETTER_SUFFIX.length());
			int sent = 0;
			for (ConsumerRecord<String, String> record : records) {
				String original = header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
				if (original == null || original.equals(target)) {
					ProducerRecord<String, String> again = new ProducerRecord<>(target, record.key(), record.value());
					again.headers().add(REPLAYED_FROM, (record.topic() + "/" + record.partition() + "/" + record.offset())
						.getBytes(StandardCharsets.UTF_8));
					kafka.send(again).join();
					sent++;
				}
				else {
					log.warn("A dead letter of {} names another topic as its origin and was not replayed", topic);
				}
				next.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
			}
			if (!next.isEmpty()) {
				consumer.commitSync(next);
			}
			log.info("{} replayed {} dead letter(s) of {}", operator, sent, topic);
			return sent;
		}
	}

	private Consumer<String, String> consumer() {
		Properties overrides = new Properties();
		overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		overrides.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		return consumers.createConsumer(REPLAY_GROUP, "dlt-operator", null, overrides);
	}

	private static List<TopicPartition> partitions(Consumer<String, String> consumer, String topic) {
		return consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
			.map(info -> new TopicPartition(topic, info.partition()))
			.toList();
	}

	/** Reads each partition from {@code from} (or its beginning) to its end as it is now. */
	private static List<ConsumerRecord<String, String>> readAll(Consumer<String, String> consumer,
			List<TopicPartition> partitions, Map<TopicPartition, OffsetAndMetadata> from, int limit) {
		consumer.assign(partitions);
		Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
		consumer.seekToBeginning(partitions);
		if (from != null) {
			from.forEach((partition, offset) -> {
				if (offset != null) {
					consumer.seek(partition, offset.offset());
				}
			});
		}
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (records.size() < limit && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
				&& System.nanoTime() < deadline) {
			for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
				TopicPartition partition = new TopicPartition(record.topic(), record.partition());
				if (record.offset() < end.get(partition) && records.size() < limit) {
					records.add(record);
				}
			}
		}
		return records;
	}

	private static DeadLetter describe(ConsumerRecord<String, String> record, boolean replayed) {
		String originalPartition = header(record, KafkaHeaders.DLT_ORIGINAL_PARTITION);
		String originalOffset = header(record, KafkaHeaders.DLT_ORIGINAL_OFFSET);
		return new DeadLetter(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
				record.key(), header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC),
				originalPartition == null ? null : Integer.valueOf(originalPartition),
				originalOffset == null ? null : Long.valueOf(originalOffset),
				header(record, KafkaHeaders.DLT_EXCEPTION_FQCN), header(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN),
				record.value() == null ? 0 : record.value().getBytes(StandardCharsets.UTF_8).length, replayed);
	}

	/**
	 * A header as text. spring-kafka writes the original partition and offset as 4- and 8-byte integers; the
	 * others are UTF-8.
	 */
	private static String header(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		if (header == null || header.value() == null) {
			return null;
		}
		byte[] value = header.value();
		if (name.equals(KafkaHeaders.DLT_ORIGINAL_PARTITION) && value.length == 4) {
			return String.valueOf(ByteBuffer.wrap(value).getInt());
		}
		if (name.equals(KafkaHeaders.DLT_ORIGINAL_OFFSET) && value.length == 8) {
			return String.valueOf(ByteBuffer.wrap(value).getLong());
		}
		return new String(value, StandardCharsets.UTF_8);
	}
}
