/**
 * What the rules engine remembers of a client's check-ins: the recent cravings trend rules read, and the ids
 * that make a redelivered check-in change nothing.
 */
package app.lantern.alert.history;
