/**
 * A programme's month for its director and funder: clients, due times kept, alerts and how fast staff answered,
 * outcomes, crises and whether someone was told, discharges, and the casework done.
 */
package app.lantern.checkin.reports;
