package app.lantern.checkin.sms;

/** What an inbound SMS says, as the grammar reads it. */
sealed interface SmsMessage {

	/** A check-in: craving 0–10 (absent only with crisis words), mood 1–5 or absent, the rest as the note. */
	record CheckIn(Integer craving, Integer mood, boolean used, String note, boolean crisis) implements SmsMessage {
	}

	/** Words of crisis without a check-in in them. */
	record Crisis(String note) implements SmsMessage {
	}

	/** STOP and its synonyms. */
	record OptOut() implements SmsMessage {
	}

	/**
	 * START, UNSTOP, YES: texts may come again. {@code yes} when it was YES, which a support contact also
	 * sends to confirm an invitation (START does not).
	 */
	record OptIn(boolean yes) implements SmsMessage {
	}

	/** HELP, INFO. */
	record Help() implements SmsMessage {
	}

	/** OK, ON IT: a support contact acknowledging an alert. */
	record Acknowledge() implements SmsMessage {
	}

	/** AWAY n: the client will be away n days (null: the number was missing or unreadable). */
	record Away(Integer days) implements SmsMessage {
	}

	/** DAILY, DAILY OFF: a contact asks for (or stops) the evening note "checked in today". */
	record Daily(boolean on) implements SmsMessage {
	}

	/** REVOKE: how to stop someone being told, and a way to it (a new private link). */
	record Revoke() implements SmsMessage {
	}

	/** PLAN: the client's own recovery plan, texted back to them. */
	record Plan() implements SmsMessage {
	}

	/** Y or N: whether the client made it to the appointment they were just asked about. */
	record Attendance(boolean attended) implements SmsMessage {
	}

	/** BACK: the client's own away ends now. */
	record Back() implements SmsMessage {
	}

	/** Anything else; {@code why} says what was wrong, for the friendly reply. */
	record Unreadable(String why) implements SmsMessage {
	}
}
