package app.lantern.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import app.lantern.events.InvalidEventException;
import app.lantern.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.core.JacksonException;

/**
 * Topics and dead letters, the same in every service, by {@link FailureKind}: a record that can never succeed
 * (it is not a valid event) goes to {@code <topic>-dlt} at once, with the exception in its headers; a failure
 * that may pass (the database or the broker away, something not arrived yet) is tried again with back-off for
 * as long as it takes, never dead-lettered; any other failure is retried a few times and then dead-lettered,
 * so a bug in one record never stalls a client's alerts.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(LanternKafkaProperties.class)
public class KafkaPlatformConfiguration {

	@Bean
	KafkaAdmin.NewTopics lanternTopics(LanternKafkaProperties properties) {
		Optional<Short> replication = Optional.ofNullable(properties.replicationFactor());
		List<NewTopic> topics = new ArrayList<>();
		for (String topic : Topics.ALL) {
			topics.add(Topics.definition(topic, properties.partitions(), replication));
			topics.add(Topics.deadLetterDefinition(topic, properties.partitions(), replication));
		}
		return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
	}

	@Bean
	@ConditionalOnBean(KafkaOperations.class)
	CommonErrorHandler lanternErrorHandler(KafkaOperations<?, ?> kafka, LanternKafkaProperties properties,
			MeterRegistry meters) {
		var publisher = new DeadLetterPublishingRecoverer(kafka);
		// registered at zero, so dashboards and alert rules see the series before the first dead letter
		Topics.ALL.forEach(topic -> meters.counter("lantern.deadletters", "topic", topic));
		ConsumerRecordRecoverer recoverer = (record, failure) -> {
			meters.counter("lantern.deadletters", "topic", record.topic()).increment();
			publisher.accept(record, failure);
		};
		var fewTimes = new ExponentialBackOff(properties.retryBackoff().toMillis(), 2.0);
		fewTimes.setMaxAttempts(properties.retryAttempts());
		var handler = new DefaultErrorHandler(recoverer, fewTimes);
		handler.addNotRetryableExceptions(InvalidEventException.class, DeserializationException.class,
				JacksonException.class);
		// the database or the broker away: wait as long as it takes, never dead-letter
		var aslongAsItTakes = new ExponentialBackOff(properties.retryBackoff().toMillis(), 2.0);
		aslongAsItTakes.setMaxInterval(properties.maxRetryBackoff().toMillis());
		var waiting = meters.counter("lantern.listener.waits");
		handler.setBackOffFunction((record, failure) -> {
			if (FailureKind.of(failure) != FailureKind.PASSING) {
				return null;
			}
			waiting.increment();
			return aslongAsItTakes;
		});
		handler.setLogLevel(KafkaException.Level.WARN);
		return handler;
	}

	/**
	 * A failed send is logged without the record's key or contents: a profile or a check-in carries names,
	 * numbers and notes, which stay out of logs (spring-kafka's listener logs the start of the payload).
	 */
	@Bean
	static BeanPostProcessor producerListenerWithoutContents() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				if (bean instanceof LoggingProducerListener<?, ?> listener) {
					listener.setIncludeContents(false);
				}
				return bean;
			}
		};
	}

	@Bean
	ListenersReadiness kafkaListeners(Optional<KafkaListenerEndpointRegistry> registry) {
		return new ListenersReadiness(registry.orElse(null));
	}

	/** Every listener container tells {@link ListenersReadiness} when it has joined its group. */
	@Bean
	static BeanPostProcessor listenersReportTheirGroup(ObjectProvider<ListenersReadiness> readiness) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory
						&& factory.getContainerProperties().getConsumerRebalanceListener() == null) {
					factory.getContainerProperties().setConsumerRebalanceListener(readiness.getObject());
				}
				return bean;
			}
		};
	}
}
