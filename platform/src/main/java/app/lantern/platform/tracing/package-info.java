/**
 * One check-in followed end to end: the W3C {@code traceparent} of the request that caused an event travels
 * with it in the outbox row and the Kafka record's headers, and each service continues the trace from it.
 */
package app.lantern.platform.tracing;
