package app.lantern.platform.outbox;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.beans.factory.ObjectProvider;
import app.lantern.platform.tracing.TraceParent;
import app.lantern.platform.tracing.TracingConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox for every service with a database; the service's Flyway migrations create the {@code outbox}
 * table.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, JdbcClientAutoConfiguration.class,
		TransactionAutoConfiguration.class, KafkaAutoConfiguration.class, TracingConfiguration.class })
@ConditionalOnClass(JdbcClient.class)
@ConditionalOnBean(DataSource.class)
public class OutboxConfiguration {

	@Bean
	OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
			MeterRegistry meters) {
		return new OutboxRelay(jdbc, transactions, kafka, meters);
	}

	@Bean
	Outbox outbox(JdbcClient jdbc, OutboxRelay relay, ObjectProvider<TraceParent> traces) {
		return new Outbox(jdbc, relay, traces.getIfAvailable(() -> TraceParent.NONE));
	}
}
