package app.lantern.platform;

import java.util.Collection;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Ready only when every Kafka listener of the service runs and holds partitions: before that, a check-in
 * could be accepted but its alerts not yet read. Part of the {@code readiness} group.
 */
public class ListenersReadiness implements HealthIndicator {

	private final KafkaListenerEndpointRegistry registry;

	ListenersReadiness(KafkaListenerEndpointRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Health health() {
		if (registry == null) {
			return Health.up().withDetail("listeners", 0).build();
		}
		Collection<MessageListenerContainer> containers = registry.getListenerContainers();
		for (MessageListenerContainer container : containers) {
			if (!container.isRunning()) {
				return Health.outOfService().withDetail("notRunning", container.getListenerId()).build();
			}
			var assigned = container.getAssignedPartitions();
			if (assigned == null || assigned.isEmpty()) {
				return Health.outOfService().withDetail("unassigned", container.getListenerId()).build();
			}
		}
		return Health.up().withDetail("listeners", containers.size()).build();
	}
}
