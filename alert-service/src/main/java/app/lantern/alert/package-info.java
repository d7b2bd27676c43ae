/**
 * The rules engine: a Kafka Streams application over check-ins, profiles and alert actions that emits alert
 * lifecycle events. Per-client state lives in state stores; nothing inside the topology talks to the world.
 */
package app.lantern.alert;
