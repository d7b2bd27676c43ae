package app.lantern.checkin.sms;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import app.lantern.checkin.CheckinProperties;
import app.lantern.checkin.registry.RecoveryPlans;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The texts of SMS replies, from {@code sms-replies.properties}. */
@Component
class SmsReplies {

	private final MessageSource texts;

	private final CheckinProperties properties;

	SmsReplies(MessageSource texts, CheckinProperties properties) {
		this.texts = texts;
		this.properties = properties;
	}

	String text(String key, Object... args) {
		return text(Locale.ENGLISH, key, args);
	}

	/** In {@code locale}'s bundle, English where it has no such text. */
	String text(Locale locale, String key, Object... args) {
		return texts.getMessage(key, args, locale);
	}

	/** The programme's name and number, and the crisis line. */
	String help() {
		return help(Locale.ENGLISH);
	}

	/** The deployment's HELP reply, to someone of no known programme. */
	String help(Locale locale) {
		return help(locale, null, null);
	}

	/**
	 * {0} the programme, {1} " at" its number (or nothing), {2} the number alone (or nothing): the programme's own
	 * name and number in texts ({@code smsName}, {@code smsPhone}), else the deployment's.
	 */
	String help(Locale locale, String smsName, String smsPhone) {
		String number = number(smsPhone);
		return text(locale, "sms.help", name(locale, smsName), number.isBlank() ? "" : " at " + number,
				number.isBlank() ? "" : " (" + number + ")");
	}

	String crisis(Locale locale, boolean supportTeamIsTold) {
		return crisis(locale, supportTeamIsTold, null, null);
	}

	/**
	 * The reply to words of crisis: the crisis resources, and "we are letting your support team know" only when
	 * someone can be told; otherwise, the programme's own line if it has one (else the deployment's).
	 */
	String crisis(Locale locale, boolean supportTeamIsTold, String smsName, String smsPhone) {
		if (supportTeamIsTold) {
			return text(locale, "sms.crisis");
		}
		String number = number(smsPhone);
		return text(locale, "sms.crisis.alone", number.isBlank() ? ""
				: " " + text(locale, "sms.crisis.call", name(locale, smsName), number));
	}

	/** Who the reply names: the programme's name in texts, else the deployment's, else "your care team" in words of the reader's. */
	private String name(Locale locale, String smsName) {
		if (smsName != null && !smsName.isBlank()) {
			return smsName;
		}
		String deployment = properties.sms().programmeName();
		return CheckinProperties.Sms.DEFAULT_PROGRAMME_NAME.equals(deployment) ? text(locale, "sms.programme.default")
				: deployment;
	}

	private String number(String smsPhone) {
		return smsPhone != null && !smsPhone.isBlank() ? smsPhone : properties.sms().programmePhone();
	}

	/** An instant as the client reads it in their own zone and language: "Thu 3 Dec, 9:40 AM", "jue 3 dic, 09:40". */
	String when(Instant at, ZoneId zone, Locale locale) {
		String pattern = Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? "EEE d MMM, h:mm a" : "EEE d MMM, HH:mm";
		return DateTimeFormatter.ofPattern(pattern, locale).format(at.atZone(zone));
	}

	/** The client's recovery plan in one text, its parts in their order; the crisis line always at its end. */
	String plan(Locale locale, RecoveryPlans.Plan plan) {
		if (plan.isEmpty()) {
			return text(locale, "sms.plan.none");
		}
		List<String> parts = new java.util.ArrayList<>();
		if (!plan.warningSigns().isEmpty()) {
			parts.add(text(locale, "sms.plan.warning", String.join("; ", plan.warningSigns())));
		}
		if (!plan.copingSteps().isEmpty()) {
			parts.add(text(locale, "sms.plan.coping", numbered(plan.copingSteps())));
		}
		if (!plan.people().isEmpty()) {
			parts.add(text(locale, "sms.plan.people", String.join("; ", plan.people().stream()
				.map(person -> person.phone() == null ? person.name() : person.name() + " " + person.phone()).toList())));
		}
		if (!plan.reasons().isEmpty()) {
			parts.add(text(locale, "sms.plan.reasons", String.join("; ", plan.reasons())));
		}
		if (!plan.crisisSteps().isEmpty()) {
			parts.add(text(locale, "sms.plan.crisis", String.join("; ", plan.crisisSteps())));
		}
		String whole = text(locale, "sms.plan", String.join(" ", parts));
		// a text of up to ten segments; the crisis line is never the part cut
		String line = text(locale, "sms.plan.line");
		int room = PLAN_LENGTH - line.length() - 1;
		return (whole.length() > room ? whole.substring(0, room - 1) + "…" : whole) + " " + line;
	}

	/** The longest recovery plan text, in characters. */
	static final int PLAN_LENGTH = 1200;

	/** A coping plan as one line: "1) call my sponsor; 2) go for a walk". */
	static String numbered(List<String> plan) {
		return String.join("; ", IntStream.range(0, plan.size()).mapToObj(i -> (i + 1) + ") " + plan.get(i)).toList());
	}
}
