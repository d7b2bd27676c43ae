/**
 * Rules on a single check-in, as data: a YAML file of id, alert type, severity and a condition in Spring
 * Expression Language, evaluated read-only. Rules about time (missed check-ins, escalation) are code.
 */
package app.lantern.platform.rules;
