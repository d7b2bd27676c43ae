/** Tier 3: the notifier's copy of the programme's on-call rota, and who on it is told of an alert now. */
package app.lantern.notifier.oncall;
