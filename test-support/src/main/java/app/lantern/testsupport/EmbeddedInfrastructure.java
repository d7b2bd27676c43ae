package app.lantern.testsupport;

import java.util.List;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Connection details that point a service at the JVM's shared embedded broker and PostgreSQL. */
@TestConfiguration(proxyBeanMethods = false)
class EmbeddedInfrastructure {

	@Bean
	KafkaConnectionDetails kafkaConnectionDetails() {
		return () -> List.of(SharedInfrastructure.kafkaBootstrapServers());
	}

	@Bean
	JdbcConnectionDetails jdbcConnectionDetails(Environment environment) {
		return Databases.at(SharedInfrastructure.databaseUrl(environment.getProperty("spring.application.name", "lantern")));
	}
}
