package app.lantern.alert.time;

/** What a timer in the deadline index is for; its code is the byte after the instant in the index key. */
public enum TimerKind {

	/** A due time's grace has run out: was it missed? */
	DEADLINE('D'),

	/** Remind the client before a due time. */
	REMINDER('R'),

	/** An alert has waited at its level without acknowledgement: the next tier may be told. */
	ESCALATION('E'),

	/** A client's own away (AWAY n) ends: its notice to staff is resolved. */
	AWAY_END('A');

	private final byte code;

	TimerKind(char code) {
		this.code = (byte) code;
	}

	byte code() {
		return code;
	}

	static TimerKind of(byte code) {
		for (TimerKind kind : values()) {
			if (kind.code == code) {
				return kind;
			}
		}
		throw new IllegalStateException("no timer kind has the code " + (char) code);
	}
}
