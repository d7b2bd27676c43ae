/**
 * Staff sign-in: HTTP Basic or a console session for {@code /api/**}, form login for the console, roles
 * STAFF and ADMIN, bcrypt-hashed passwords, and the first admin from {@code LANTERN_ADMIN_PASSWORD}.
 */
package app.lantern.checkin.security;
