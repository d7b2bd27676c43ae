/** How the HTTP API answers bad input: {@code application/problem+json} naming each wrong field. */
package app.lantern.checkin.web;
