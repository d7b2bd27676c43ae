package app.lantern.testsupport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * For machines with a Docker engine ({@code -Pdocker}): Kafka and PostgreSQL from Testcontainers, wired
 * by {@code @ServiceConnection}. One broker per JVM and one PostgreSQL per service name, so two services
 * in one JVM keep their schemas apart as they do in production. Containers outlive each context (no
 * destroy method) and stop with the JVM.
 */
@TestConfiguration(proxyBeanMethods = false)
class DockerInfrastructure {

	private static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka-native:4.1.1")
		.withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
		.withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");

	private static final Map<String, PostgreSQLContainer> DATABASES = new ConcurrentHashMap<>();

	@Bean(destroyMethod = "")
	@ServiceConnection
	KafkaContainer kafkaContainer() {
		return KAFKA;
	}

	@Bean(destroyMethod = "")
	@ServiceConnection
	PostgreSQLContainer postgresContainer(Environment environment) {
		String name = environment.getProperty("spring.application.name", "lantern");
		return DATABASES.computeIfAbsent(name, key -> new PostgreSQLContainer("postgres:17-alpine"));
	}
}
