/**
 * The transactional outbox: an event is written to PostgreSQL in the same transaction as the change it
 * announces, and a single relay publishes it to Kafka afterwards, in commit order per client, retrying until
 * Kafka acknowledges. A check-in or a consent revocation is therefore never announced unless committed, and
 * never lost when Kafka is down at commit time.
 */
package app.lantern.platform.outbox;
