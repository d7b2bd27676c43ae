/**
 * Early warning of disengagement: each client's adherence (due times kept) day by day, the last days against the
 * client's own baseline, and the rule that says when a drop is worth a DISENGAGING alert and when it has passed.
 */
package app.lantern.alert.engagement;
