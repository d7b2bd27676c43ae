package app.lantern.alert;

import java.time.Clock;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.core.io.ResourceLoader;
import app.lantern.platform.rules.Rule;
import app.lantern.platform.rules.RuleBook;
import app.lantern.platform.tracing.TraceParent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertProperties.class)
class TopologyConfiguration {

	@Autowired
	void topology(StreamsBuilder builder, AlertProperties properties, ResourceLoader resources, MeterRegistry meters,
			TraceParent traces, Clock clock) {
		RuleBook rules = RuleBook.load(resources.getResource(properties.rules()));
		AlertTopology.build(builder, new AlertSettings(rules, properties.escalationTimeout(), properties.crisisTimeout(),
				AlertSettings.LAST_LEVEL,
				properties.punctuationInterval(), properties.maxTimersPerPunctuation(), properties.maxScanTime(),
				properties.disengagementRule(), new AlertMetrics(meters, rules.rules().stream().map(Rule::id).toList(), traces),
				clock));
	}

	/**
	 * Leave the consumer group on a clean stop, so a restart or a rolling deploy gets its partitions at once
	 * instead of after the session timeout (Kafka Streams does not leave by default).
	 */
	@Bean
	static StreamsBuilderFactoryBeanConfigurer leaveGroupOnClose() {
		return factory -> factory.setLeaveGroupOnClose(true);
	}

	/** Ready only when the streams application runs: before that, no alert would be raised. */
	@Bean
	HealthIndicator kafkaStreams(StreamsBuilderFactoryBean factory) {
		return () -> {
			KafkaStreams streams = factory.getKafkaStreams();
			KafkaStreams.State state = streams == null ? null : streams.state();
			Health.Builder health = state == KafkaStreams.State.RUNNING ? Health.up() : Health.outOfService();
			return health.withDetail("state", String.valueOf(state)).build();
		};
	}
}
