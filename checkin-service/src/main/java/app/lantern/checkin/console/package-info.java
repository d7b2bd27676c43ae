/**
 * The staff console: server-rendered pages (Thymeleaf, plain forms, one small script for live updates) behind
 * the form login — the caseload, the alert queue, and each client's page. Page titles and URLs carry ids,
 * never names.
 */
package app.lantern.checkin.console;
