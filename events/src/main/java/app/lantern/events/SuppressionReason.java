package app.lantern.events;

public enum SuppressionReason {

	NO_CONSENT, NOT_OPTED_IN, OPTED_OUT, QUIET_HOURS_DEFERRED, DUPLICATE, CLIENT_INACTIVE,

	/** An all-clear for an alert that never reached this recipient on this channel: nothing to clear. */
	NEVER_TOLD
}
