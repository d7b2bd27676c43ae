package app.lantern.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Looks for a person's data everywhere Lantern keeps anything: every column of every table of a database (text,
 * arrays, JSON and bytes alike) and every record of every topic (keys, values and headers, as bytes).
 */
final class ErasureSearch {

	private ErasureSearch() {
	}

	/** Where each needle was found in the database: "table.column: needle". */
	static List<String> inDatabase(JdbcClient jdbc, List<String> needles) {
		List<Map<String, Object>> columns = jdbc.sql("""
				select table_name, column_name, data_type from information_schema.columns
				where table_schema = 'public'""").query().listOfRows();
		List<String> found = new ArrayList<>();
		for (Map<String, Object> column : columns) {
			String table = (String) column.get("table_name");
			String name = (String) column.get("column_name");
			String text = "bytea".equals(column.get("data_type"))
					? "encode(\"" + name + "\", 'escape')" : "cast(\"" + name + "\" as text)";
			for (String needle : needles) {
				int rows = jdbc.sql("select count(*) from \"" + table + "\" where strpos(" + text + ", ?) > 0")
					.param(needle).query(Integer.class).single();
				if (rows > 0) {
					found.add(table + "." + name + ": " + needle);
				}
			}
		}
		return found;
	}

	/** Where each needle was found in the broker: "topic: needle", over every topic but Kafka's own. */
	static List<String> inTopics(String bootstrapServers, List<String> needles) throws Exception {
		List<String> found = new ArrayList<>();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			Set<String> topics = admin.listTopics().names().get();
			for (String topic : topics) {
				for (ConsumerRecord<byte[], byte[]> record : all(bootstrapServers, topic)) {
					String text = text(record.key()) + " " + text(record.value()) + " "
							+ record.headers().toString();
					for (String needle : needles) {
						if (text.contains(needle)) {
							found.add(topic + ": " + needle);
						}
					}
				}
			}
		}
		return found.stream().distinct().toList();
	}

	private static String text(byte[] bytes) {
		return bytes == null ? "" : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
	}

	private static List<ConsumerRecord<byte[], byte[]>> all(String bootstrapServers, String topic) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "erasure-search-" + UUID.randomUUID());
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
				.map(info -> new TopicPartition(topic, info.partition())).toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))
					&& System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}
}
