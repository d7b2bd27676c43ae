package app.lantern.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Ready only when every Kafka listener of the service runs and has joined its consumer group: before that, a
 * check-in could be accepted but its alerts not yet read. An instance that joined and was given no partition
 * (more instances than partitions) is a standby and ready: it takes over partitions the moment another
 * instance leaves. Part of the {@code readiness} group.
 */
public class ListenersReadiness implements HealthIndicator, ConsumerAwareRebalanceListener {

	private final KafkaListenerEndpointRegistry registry;

	/** Consumer groups in which this instance has been through a rebalance (with or without partitions). */
	private final Set<String> joined = ConcurrentHashMap.newKeySet();

	ListenersReadiness(KafkaListenerEndpointRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		joined.add(consumer.groupMetadata().groupId());
	}

	@Override
	public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		joined.remove(consumer.groupMetadata().groupId());
	}

	@Override
	public Health health() {
		if (registry == null) {
			return Health.up().withDetail("listeners", 0).build();
		}
		Collection<MessageListenerContainer> containers = registry.getListenerContainers();
		List<String> standby = new ArrayList<>();
		for (MessageListenerContainer container : containers) {
			if (!container.isRunning()) {
				return Health.outOfService().withDetail("notRunning", container.getListenerId()).build();
			}
			var assigned = container.getAssignedPartitions();
			if (assigned == null || assigned.isEmpty()) {
				if (!joined.contains(container.getGroupId())) {
					return Health.outOfService().withDetail("unassigned", container.getListenerId()).build();
				}
				standby.add(container.getListenerId());
			}
		}
		Health.Builder up = Health.up().withDetail("listeners", containers.size());
		return standby.isEmpty() ? up.build() : up.withDetail("standby", standby).build();
	}
}
