/**
 * The audit trail: who viewed a client's record, check-ins or disclosure log, every change, acknowledgement and
 * resolution, sign-ins and failed sign-ins, staff and rota changes, link showings and erasures — with the staff
 * user and the time, never the personal data itself. ADMINs read it at {@code GET /api/audit} and in the console.
 */
package app.lantern.checkin.audit;
