package app.lantern.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Two instances of a service on a one-partition topic, as a deployment with more replicas than partitions:
 * the second joins the group with nothing assigned and is ready as a standby (not "not ready" forever), and
 * takes the partition over when the first leaves.
 */
class ListenersReadinessTest {

	private static final String TOPIC = "readiness-test-" + UUID.randomUUID();

	@Test
	void anInstanceThatJoinedWithNoPartitionIsAReadyStandby() throws Exception {
		try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
		}
		ConfigurableApplicationContext first = start();
		ConfigurableApplicationContext second = null;
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> readiness(first).getStatus().equals(Status.UP));
			second = start();
			ConfigurableApplicationContext standby = second;
			await().atMost(Duration.ofSeconds(30)).until(() -> readiness(standby).getStatus().equals(Status.UP));
			assertThat(readiness(standby).getDetails()).containsEntry("standby", List.of("readiness-test"));
			assertThat(readiness(first).getDetails()).doesNotContainKey("standby");

			first.close();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> !readiness(standby).getDetails().containsKey("standby"));
			assertThat(readiness(standby).getStatus()).isEqualTo(Status.UP);
		}
		finally {
			first.close();
			if (second != null) {
				second.close();
			}
		}
	}

	private static org.springframework.boot.health.contributor.Health readiness(ConfigurableApplicationContext context) {
		return context.getBean(ListenersReadiness.class).health();
	}

	private static ConfigurableApplicationContext start() {
		SpringApplication application = new SpringApplication(Instance.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		return application.run("--spring.kafka.bootstrap-servers=" + SharedInfrastructure.kafkaBootstrapServers(),
				"--spring.kafka.consumer.auto-offset-reset=earliest",
				"--spring.datasource.url=" + SharedInfrastructure.databaseUrl("readiness"),
				"--spring.autoconfigure.exclude=app.lantern.platform.outbox.OutboxConfiguration",
				"--spring.main.banner-mode=off", "--lantern.topic=" + TOPIC);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Instance {

		@KafkaListener(id = "readiness-test", topics = "${lantern.topic}", groupId = "readiness-test",
				autoStartup = "true", properties = "session.timeout.ms=6000")
		void on(String payload) {
		}
	}
}
