package app.lantern.checkin.console;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import app.lantern.checkin.web.InvalidFieldsException;
import app.lantern.events.DuePlan;
import org.springframework.stereotype.Component;

/**
 * The console in a case manager's words, used from the templates as {@code @words}: no codes
 * ({@code HIGH_CRAVING}, {@code RAISED}), no Java lists ({@code [09:00, 21:00]}), every time with its zone.
 */
@Component("words")
public class Words {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM, h:mm a", Locale.US);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.US);

	private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("displayName", "Name"),
			Map.entry("phone", "Phone"), Map.entry("email", "E-mail"), Map.entry("timezone", "Time zone"),
			Map.entry("cravingThreshold", "Craving alert level"), Map.entry("copingPlan", "Coping plan"),
			Map.entry("dueTimes", "Check-in times"), Map.entry("schedule.dueTimes", "Check-in times"),
			Map.entry("graceMinutes", "Grace"), Map.entry("schedule.graceMinutes", "Grace"),
			Map.entry("reminderMinutesBefore", "Reminder"), Map.entry("nudgeMinutesAfter", "Nudge after"),
			Map.entry("schedule.nudgeMinutesAfter", "Nudge after"), Map.entry("schedule.reminderMinutesBefore", "Reminder"),
			Map.entry("name", "Name"), Map.entry("role", "Role"), Map.entry("channels", "Channels"),
			Map.entry("tier", "Who is told first"), Map.entry("quietHours", "Quiet hours"),
			Map.entry("alertTypes", "Alerts they may be told of"), Map.entry("purpose", "Purpose"),
			Map.entry("expiresOn", "Until"), Map.entry("status", "Status"), Map.entry("resumeOn", "Resume on"),
			Map.entry("note", "Note"), Map.entry("outcome", "Was it useful"), Map.entry("confirm", "Confirmation"),
			Map.entry("programme", "Programme"));

	/** The kind of alert as staff say it (contacts get gentler words: AlertType.plainWords). */
	public String alertType(String type) {
		return switch (type == null ? "" : type) {
			case "MISSED_CHECKIN" -> "Missed check-in";
			case "HIGH_CRAVING" -> "High craving";
			case "RISING_CRAVING" -> "Rising cravings";
			case "REPORTED_USE" -> "Reported use";
			case "CRISIS" -> "Crisis: asked for help";
			case "DISENGAGING" -> "Checking in or getting to appointments less often than usual";
			case "CHECKED_IN_DIGEST" -> "An evening note on days they checked in (if the contact asks: DAILY)";
			default -> sentence(type);
		};
	}

	public String alertState(String state) {
		return switch (state == null ? "" : state) {
			case "RAISED" -> "New";
			case "ESCALATED" -> "Escalated — no one has answered yet";
			case "REPEATED" -> "Again — told again, no one has answered yet";
			case "ACKNOWLEDGED" -> "Someone is on it";
			case "RESOLVED" -> "Resolved";
			default -> sentence(state);
		};
	}

	public String severity(String severity) {
		return sentence(severity);
	}

	/** Escalation level 1..n: who has been told so far. */
	public String level(int level) {
		return switch (level) {
			case 1 -> "First contacts told";
			case 2 -> "Second contacts told";
			default -> "Programme on call told";
		};
	}

	/** What happened to one message of the disclosure log. */
	public String delivery(String status, String reason) {
		String what = switch (status == null ? "" : status) {
			case "SENT" -> "Sent";
			case "DELIVERED" -> "Delivered";
			case "FAILED" -> "Could not be sent";
			case "SUPPRESSED" -> "Not sent";
			case "QUEUED" -> "Waiting to be sent";
			default -> sentence(status);
		};
		if (reason == null) {
			return what;
		}
		return what + ": " + switch (reason) {
			case "NO_CONSENT" -> "no consent covers it";
			case "NOT_OPTED_IN" -> "they have not agreed to messages yet";
			case "OPTED_OUT" -> "their number texted STOP";
			case "QUIET_HOURS_DEFERRED" -> "held for their quiet hours";
			case "DUPLICATE" -> "already sent";
			case "CLIENT_INACTIVE" -> "the client is paused or discharged";
			case "NEVER_TOLD" -> "they were never told of the alert";
			default -> sentence(reason).toLowerCase(Locale.ROOT);
		};
	}

	/** An audit line's action: VIEWED_RECORD → "Viewed record". */
	public String auditAction(String action) {
		return sentence(action);
	}

	public String outcome(String outcome) {
		return switch (outcome == null ? "" : outcome) {
			case "HELPFUL" -> "Helpful";
			case "NOT_NEEDED" -> "Not needed";
			case "FALSE_ALARM" -> "False alarm";
			default -> "";
		};
	}

	public String status(String status) {
		return switch (status == null ? "" : status) {
			case "ACTIVE" -> "Active";
			case "PAUSED" -> "Paused";
			case "DISCHARGED" -> "Discharged";
			default -> sentence(status);
		};
	}

	public String role(String role) {
		return sentence(role);
	}

	/** Channels in words: "Text and e-mail". */
	public String channels(Collection<String> channels) {
		return sentence(channels.stream().map(channel -> "SMS".equals(channel) ? "text" : "e-mail")
			.collect(Collectors.joining(" and ")));
	}

	/** Check-in times in the client's zone: "9:00 AM and 9:00 PM (New York time)". */
	public String times(List<LocalTime> times, String zone) {
		String list = times.stream().map(TIME::format).collect(Collectors.joining(", "));
		int last = list.lastIndexOf(", ");
		return (last < 0 ? list : list.substring(0, last) + " and " + list.substring(last + 2)) + " " + zoneName(zone);
	}

	/** A day's own check-in times in the schedule form: blank (the every-day ones), "none", or "09:00, 21:00". */
	public String planDay(DuePlan plan, String day) {
		return PlanForm.day(plan, DayOfWeek.valueOf(day));
	}

	/** A step-down plan in the schedule form, a step a line. */
	public String planSteps(DuePlan plan) {
		return PlanForm.steps(plan);
	}

	public List<String> weekdays() {
		return Arrays.stream(DayOfWeek.values()).map(DayOfWeek::name).toList();
	}

	/** "Monday, Thursday": weekdays in the week's order. */
	public String dayNames(Collection<DayOfWeek> days) {
		return String.join(", ", days.stream().sorted().map(day -> day.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).toList());
	}

	public String dayName(String day) {
		return DayOfWeek.valueOf(day).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
	}

	public String time(LocalTime time) {
		return time == null ? "" : TIME.format(time);
	}

	/** An instant in a zone, with the zone said: "Mon 30 Nov, 9:05 AM EST". */
	public String when(Instant instant, String zone) {
		if (instant == null) {
			return "never";
		}
		ZoneId id = ZoneId.of(zone);
		return WHEN.format(instant.atZone(id)) + " " + id.getDisplayName(TextStyle.SHORT, Locale.US)
			.replace("GMT", "UTC").replace("Coordinated Universal Time", "UTC");
	}

	public String when(Timestamp timestamp, String zone) {
		return when(timestamp == null ? null : timestamp.toInstant(), zone);
	}

	/** A time as JSON carries it (ISO-8601 text, or seconds since the epoch), in a zone. */
	public String whenJson(Object value, String zone) {
		if (value instanceof Number seconds) {
			return when(Instant.ofEpochMilli(Math.round(seconds.doubleValue() * 1000)), zone);
		}
		try {
			return value == null ? "" : when(Instant.parse(value.toString()), zone);
		}
		catch (DateTimeParseException notATime) {
			return value.toString();
		}
	}

	public String day(LocalDate date) {
		return date == null ? "" : DAY.format(date);
	}

	/** "(New York time)", from America/New_York. */
	public String zoneName(String zone) {
		return cityTime(zone);
	}

	static String cityTime(String zone) {
		String city = zone.contains("/") ? zone.substring(zone.lastIndexOf('/') + 1).replace('_', ' ') : zone;
		return "(" + city + " time)";
	}

	/** Every zone, for the picker: the common ones of the programmes first. */
	public List<String> zones() {
		return ZoneId.getAvailableZoneIds().stream().filter(zone -> zone.contains("/") && !zone.startsWith("Etc/")
				&& !zone.startsWith("SystemV/")).sorted().toList();
	}

	/** A form's errors, each led by the field's label rather than its API name. */
	public static List<String> errors(InvalidFieldsException invalid) {
		return invalid.errors().stream().map(error -> label(error.field()) + " " + error.message()).toList();
	}

	public static String label(String field) {
		String base = field.replaceAll("\\[\\d+]$", "");
		String label = FIELDS.getOrDefault(base, FIELDS.getOrDefault(field, sentence(field)));
		return field.matches(".*\\[\\d+]$") ? label + " (line " + (Integer.parseInt(field.replaceAll(".*\\[(\\d+)]$", "$1")) + 1) + ")" : label;
	}

	private static String sentence(String code) {
		if (code == null || code.isEmpty()) {
			return "";
		}
		String words = code.replace('_', ' ').toLowerCase(Locale.ROOT);
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}
}
