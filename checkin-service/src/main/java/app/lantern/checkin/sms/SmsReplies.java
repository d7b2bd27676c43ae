package app.lantern.checkin.sms;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import app.lantern.checkin.CheckinProperties;
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

	/** {0} the programme, {1} " at" its number (or nothing), {2} the number alone (or nothing). */
	String help(Locale locale) {
		String number = properties.sms().programmePhone();
		return text(locale, "sms.help", properties.sms().programmeName(), number.isBlank() ? "" : " at " + number,
				number.isBlank() ? "" : " (" + number + ")");
	}

	/**
	 * The reply to words of crisis: the crisis resources, and "we are letting your support team know" only when
	 * someone can be told; otherwise, the programme's own line if it has one.
	 */
	String crisis(Locale locale, boolean supportTeamIsTold) {
		if (supportTeamIsTold) {
			return text(locale, "sms.crisis");
		}
		String number = properties.sms().programmePhone();
		return text(locale, "sms.crisis.alone", number.isBlank() ? ""
				: " " + text(locale, "sms.crisis.call", properties.sms().programmeName(), number));
	}

	/** An instant as the client reads it in their own zone and language: "Thu 3 Dec, 9:40 AM", "jue 3 dic, 09:40". */
	String when(Instant at, ZoneId zone, Locale locale) {
		String pattern = Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? "EEE d MMM, h:mm a" : "EEE d MMM, HH:mm";
		return DateTimeFormatter.ofPattern(pattern, locale).format(at.atZone(zone));
	}

	/** A coping plan as one line: "1) call my sponsor; 2) go for a walk". */
	static String numbered(List<String> plan) {
		return String.join("; ", IntStream.range(0, plan.size()).mapToObj(i -> (i + 1) + ") " + plan.get(i)).toList());
	}
}
