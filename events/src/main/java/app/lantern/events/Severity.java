package app.lantern.events;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How urgent an alert is, least to most. The one ranking every service and every query uses. */
public enum Severity {

	LOW, MEDIUM, HIGH, CRITICAL;

	public boolean isAbove(Severity other) {
		return compareTo(other) > 0;
	}

	/** 0 for the most urgent (CRITICAL), growing as urgency falls: the order of a queue. */
	public int urgency() {
		return values().length - 1 - ordinal();
	}

	public static Severity ofUrgency(int urgency) {
		return values()[values().length - 1 - urgency];
	}

	/**
	 * The same ranking in SQL over a text column holding a severity's name, for {@code order by} and
	 * {@code min(...)}: {@code case column when 'CRITICAL' then 0 ... end}.
	 */
	public static String urgencySql(String column) {
		return Arrays.stream(values())
			.map(severity -> "when '" + severity.name() + "' then " + severity.urgency())
			.collect(Collectors.joining(" ", "case " + column + " ", " end"));
	}
}
