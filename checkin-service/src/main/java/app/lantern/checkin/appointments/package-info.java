/**
 * What the client goes to — therapy, meetings, medication, clinic visits — with a reminder before each and, after
 * it, one question: did you make it? The answers are the client's attendance, in their own picture and the
 * programme's report, and evidence for the disengagement rule (on the attendance topic). Nothing about an
 * appointment goes to a support contact: no consent can name one.
 */
package app.lantern.checkin.appointments;
