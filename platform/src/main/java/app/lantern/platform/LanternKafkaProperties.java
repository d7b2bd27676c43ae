package app.lantern.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Lantern's topics are created and how a listener retries before giving a record up to the
 * dead-letter topic.
 *
 * @param partitions partitions of each topic created at start; the unit of scale-out
 * @param replicationFactor replicas of each topic; unset takes the broker's default (use 3 in production)
 * @param retryAttempts attempts after the first for a record whose processing failed recoverably
 * @param retryBackoff the first pause between attempts; it doubles each time
 * @param maxRetryBackoff the longest pause while a record waits out a failure that may pass (the database or
 * the broker away): such a record is tried again for as long as it takes
 */
@ConfigurationProperties("lantern.kafka")
public record LanternKafkaProperties(Integer partitions, Short replicationFactor, Integer retryAttempts,
		Duration retryBackoff, Duration maxRetryBackoff) {

	public LanternKafkaProperties {
		partitions = partitions == null ? 3 : partitions;
		retryAttempts = retryAttempts == null ? 4 : retryAttempts;
		retryBackoff = retryBackoff == null ? Duration.ofMillis(500) : retryBackoff;
		maxRetryBackoff = maxRetryBackoff == null ? Duration.ofSeconds(15) : maxRetryBackoff;
	}
}
