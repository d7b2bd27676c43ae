/**
 * A case manager's day: who is mine (each client's workers, and a colleague's clients while they are on leave),
 * what was done (case notes), what is to do (follow-up tasks, by staff or by the programme's policy when an alert
 * closes), and which clients need attention before anything goes wrong.
 */
package app.lantern.checkin.casework;
