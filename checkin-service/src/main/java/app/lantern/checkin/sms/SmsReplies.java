package app.lantern.checkin.sms;

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
		return texts.getMessage(key, args, Locale.US);
	}

	/** The programme's name and number, and the crisis line. */
	String help() {
		String phone = properties.sms().programmePhone().isBlank() ? "" : " at " + properties.sms().programmePhone();
		return text("sms.help", properties.sms().programmeName(), phone);
	}

	/** An instant as the client reads it in their own zone: "Thu 3 Dec, 9:40 AM". */
	String when(java.time.Instant at, java.time.ZoneId zone) {
		return java.time.format.DateTimeFormatter.ofPattern("EEE d MMM, h:mm a", Locale.US).format(at.atZone(zone));
	}

	/** A coping plan as one line: "1) call my sponsor; 2) go for a walk". */
	static String numbered(List<String> plan) {
		return String.join("; ", IntStream.range(0, plan.size()).mapToObj(i -> (i + 1) + ") " + plan.get(i)).toList());
	}
}
