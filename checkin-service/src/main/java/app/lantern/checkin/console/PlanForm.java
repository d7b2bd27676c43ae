package app.lantern.checkin.console;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import app.lantern.checkin.registry.RegistryRequests;
import app.lantern.checkin.web.InvalidFieldsException;
import app.lantern.events.DuePlan;

/**
 * The schedule form's days of their own: a field per day of the week (blank: the every-day times; "none": no
 * check-in that day) and a step-down plan, a step a line — "30 days: 09:00, 21:00", "14 days: 09:00",
 * "for ever: 09:00 on Mon, Wed, Fri".
 */
final class PlanForm {

	private static final Pattern STEP = Pattern.compile(
			"(?i)^\\s*(?:(\\d+)\\s*days?|for\\s*ever)\\s*:\\s*(.+?)(?:\\s+on\\s+(.+))?\\s*$");

	private PlanForm() {
	}

	/** The plan the form asks for, or null when it asks for none; a step line that is not one is named. */
	static RegistryRequests.PlanBody read(Map<String, String> form) {
		Map<String, List<String>> weekdays = new LinkedHashMap<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			String value = form.get("day." + day.name());
			if (value != null && !value.isBlank()) {
				weekdays.put(day.name(), value.strip().equalsIgnoreCase("none") ? List.of() : Forms.list(value));
			}
		}
		List<String> lines = Forms.lines(form.get("steps"));
		List<RegistryRequests.StepBody> steps = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			Matcher step = STEP.matcher(lines.get(i));
			if (!step.matches()) {
				throw new InvalidFieldsException(List.of(new InvalidFieldsException.FieldError("plan.steps[" + i + "]",
						"write a step as \"30 days: 09:00, 21:00\" or \"for ever: 09:00 on Mon, Wed, Fri\"")));
			}
			steps.add(new RegistryRequests.StepBody(step.group(1) == null ? 0 : Integer.valueOf(step.group(1)),
					Forms.list(step.group(2)), step.group(3) == null ? null : Forms.list(step.group(3))));
		}
		if (weekdays.isEmpty() && steps.isEmpty()) {
			return null;
		}
		return new RegistryRequests.PlanBody(weekdays, Forms.blankAsNull(form.get("stepsFrom")), steps);
	}

	/** A day's field as the form shows it: blank for the every-day times, "none", or its own times. */
	static String day(DuePlan plan, DayOfWeek day) {
		if (plan == null || !plan.weekdays().containsKey(day)) {
			return "";
		}
		List<LocalTime> times = plan.weekdays().get(day);
		return times.isEmpty() ? "none" : times(times);
	}

	/** The step-down plan as the form's lines. */
	static String steps(DuePlan plan) {
		if (plan == null) {
			return "";
		}
		return plan.steps().stream()
			.map(step -> (step.days() == 0 ? "for ever" : step.days() + " days") + ": " + times(step.dueTimes())
					+ (step.on().isEmpty() ? "" : " on " + step.on().stream().sorted()
						.map(day -> day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).collect(Collectors.joining(", "))))
			.collect(Collectors.joining("\n"));
	}

	private static String times(List<LocalTime> times) {
		return times.stream().map(LocalTime::toString).collect(Collectors.joining(", "));
	}
}
