/**
 * Wiring every Lantern service shares: the contract's topics created at start, the dead-letter policy
 * of its Kafka listeners, and a readiness check that waits for their partitions.
 */
package app.lantern.platform;
