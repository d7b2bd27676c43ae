/**
 * Operators' tools (ADMIN, under {@code /api/staff/**}): the dead-letter topics listed, inspected by their
 * headers (never their payloads, which carry personal data) and replayed to the topic they came from.
 */
package app.lantern.checkin.operations;
