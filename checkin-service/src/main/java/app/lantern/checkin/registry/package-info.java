/**
 * The client registry: clients, schedules, support contacts and the consents that decide who may ever be
 * told anything. Every committed change republishes the client's whole profile through the outbox.
 */
package app.lantern.checkin.registry;
