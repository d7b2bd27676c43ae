package app.lantern.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;

import app.lantern.testsupport.SharedInfrastructure;
import app.lantern.testsupport.TopicRecords;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two relays on one database, as two instances of a service run them: one is cut off in the middle of a batch
 * (its PostgreSQL session terminated, then the relay stopped), and the other carries on. Every row reaches the
 * topic, and each key's events, read with repeats dropped as consumers drop them, come in the order they were
 * committed: no gap, no reordering.
 */
class OutboxRelayTest {

	private static final int KEYS = 20;

	private static final int EVENTS_PER_KEY = 2_500;

	@Test
	void twoRelaysOneCutOffMidBatchPublishEveryRowInCommitOrderPerKey() throws Exception {
		TestOutbox outbox = TestOutbox.fresh("outbox_relays");
		String url = outbox.url();
		String topic = outbox.topic();
		JdbcClient db = outbox.db();
		// committed in this order: event n of each key, keys interleaved
		db.sql("""
				insert into outbox (topic, message_key, payload)
				select ?, 'key-' || (g % ?), (g / ?)::text from generate_series(0, ? - 1) g order by g""")
			.params(topic, KEYS, KEYS, KEYS * EVENTS_PER_KEY)
			.update();

		SimpleMeterRegistry metersOfA = new SimpleMeterRegistry();
		OutboxRelay a = relay(url, "relay-a", metersOfA);
		OutboxRelay b = relay(url, "relay-b", new SimpleMeterRegistry());
		a.start();
		try {
			// A is at work (the advisory lock is held a batch at a time, so a relay that started first keeps it
			// while it has full batches); B starts beside it, and A is cut off in the middle of its next batch
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
				.until(() -> metersOfA.get("lantern.outbox.published").counter().count() >= 500);
			b.start();
			int cut = db.sql("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = ?")
				.param("relay-a").query(Integer.class).single();
			a.stop();
			long left = db.sql("select count(*) from outbox").query(Long.class).single();
			assertThat(left).as("relay A was cut off with work left").isPositive();

			await().atMost(Duration.ofSeconds(60)).until(() -> db.sql("select count(*) from outbox")
				.query(Long.class).single() == 0);
			System.out.printf("outbox relays: A cut off (%d session(s)) with %d rows left; B finished them%n", cut, left);
		}
		finally {
			a.stop();
			b.stop();
		}

		Map<String, List<Integer>> byKey = new HashMap<>();
		int records = 0;
		for (var record : TopicRecords.all(topic)) {
			byKey.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(Integer.valueOf(record.value()));
			records++;
		}
		List<Integer> expected = IntStream.range(0, EVENTS_PER_KEY).boxed().toList();
		assertThat(byKey).hasSize(KEYS);
		byKey.forEach((key, events) -> {
			// a consumer drops an event it has seen (by event id): what is left is the commit order, whole
			Set<Integer> firstSeen = new LinkedHashSet<>(events);
			assertThat(List.copyOf(firstSeen)).as(key).isEqualTo(expected);
		});
		System.out.printf("outbox relays: %d records for %d rows (%d repeats)%n", records, KEYS * EVENTS_PER_KEY,
				records - KEYS * EVENTS_PER_KEY);
	}

	@Test
	void aRowKafkaCanNeverTakeIsParkedAndTheRowsBehindItGoOn() throws Exception {
		TestOutbox outbox = TestOutbox.fresh("outbox_parking");
		JdbcClient db = outbox.db();
		outbox.append("key-1", "1");
		// a profile grown past what the producer may send (1 MiB by default): refused however often it is sent
		outbox.append("key-2", "x".repeat(2_000_000));
		outbox.append("key-1", "2");
		outbox.append("key-3", "1");
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		OutboxRelay relay = relay(outbox.url(), "relay-parking", meters);

		relay.start();
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> db.sql("select count(*) from outbox")
				.query(Long.class).single() == 0);
		}
		finally {
			relay.stop();
		}

		assertThat(TopicRecords.all(outbox.topic())).extracting(record -> record.key() + ":" + record.value())
			.containsExactlyInAnyOrder("key-1:1", "key-1:2", "key-3:1");
		assertThat(db.sql("select message_key || ' ' || split_part(reason, ':', 1) from outbox_parked")
			.query(String.class).list())
			.containsExactly("key-2 org.apache.kafka.common.errors.RecordTooLargeException");
		assertThat(meters.get("lantern.outbox.parked").counter().count()).isEqualTo(1.0);
	}

	@Test
	void aRowCommittedWhileABatchIsPublishedGoesAtOnceNotAfterTheIdlePoll() throws Exception {
		TestOutbox outbox = TestOutbox.fresh("outbox_wake_up");
		JdbcClient db = outbox.db();
		outbox.append("key-1", "1");
		// the real producer, held at its first send: the relay is in the middle of a batch
		CountDownLatch sending = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		DataSource dataSource = dataSource(outbox.url(), "relay-wake-up");
		KafkaTemplate<String, String> kafka = new KafkaTemplate<>(producers()) {
			@Override
			public CompletableFuture<SendResult<String, String>> send(ProducerRecord<String, String> record) {
				sending.countDown();
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return super.send(record);
			}
		};
		// an idle relay looks again only after an hour: only the wake-up can make the second row go
		OutboxRelay relay = new OutboxRelay(JdbcClient.create(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)), kafka, new SimpleMeterRegistry(),
				Duration.ofHours(1));
		relay.start();
		try {
			assertThat(sending.await(30, TimeUnit.SECONDS)).isTrue();
			outbox.append("key-1", "2");
			relay.wakeUp();
			release.countDown();

			await().atMost(Duration.ofSeconds(20)).until(() -> db.sql("select count(*) from outbox")
				.query(Long.class).single() == 0);
		}
		finally {
			release.countDown();
			relay.stop();
		}
		assertThat(TopicRecords.all(outbox.topic())).extracting(record -> record.value()).containsExactly("1", "2");
	}

	/** An outbox table of its own in a database of its own, and a topic of its own. */
	private record TestOutbox(String url, String topic, JdbcClient db) {

		static TestOutbox fresh(String database) throws Exception {
			String url = SharedInfrastructure.databaseUrl(database);
			String topic = database.replace('_', '-') + "-test-" + UUID.randomUUID();
			createTopic(topic);
			JdbcClient db = JdbcClient.create(dataSource(url, "outbox-test"));
			createTables(db);
			return new TestOutbox(url, topic, db);
		}

		/** A row committed on its own. */
		void append(String key, String payload) {
			db.sql("insert into outbox (topic, message_key, payload) values (?, ?, ?)").params(topic, key, payload)
				.update();
		}
	}

	private static void createTables(JdbcClient db) {
		db.sql("""
				create table if not exists outbox (id bigserial primary key, topic text not null,
				  message_key text not null, payload text, created_at timestamptz not null default now(),
				  trace_parent text)""").update();
		db.sql("""
				create table if not exists outbox_parked (id bigint primary key, topic text not null,
				  message_key text not null, payload text, created_at timestamptz not null,
				  parked_at timestamptz not null default now(), reason text not null)""").update();
		db.sql("delete from outbox").update();
	}

	private static OutboxRelay relay(String url, String name, SimpleMeterRegistry meters) {
		DataSource dataSource = dataSource(url, name);
		return new OutboxRelay(JdbcClient.create(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)), new KafkaTemplate<>(producers()),
				meters);
	}

	private static DefaultKafkaProducerFactory<String, String> producers() {
		return new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer());
	}

	private static DataSource dataSource(String url, String applicationName) {
		return new SimpleDriverDataSource(new org.postgresql.Driver(), url + "&ApplicationName=" + applicationName);
	}

	private static void createTopic(String topic) throws Exception {
		try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(topic, Optional.of(3), Optional.empty()))).all().get();
		}
	}
}
