/**
 * Group commit: many threads' small writes in one statement and one commit, each thread going on only once its
 * own write is durable — the database's flush paid once for the group instead of once for each.
 */
package app.lantern.platform.groupcommit;
