package app.lantern.checkin.registry;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** E.164 numbers, checked with libphonenumber: a number must be written with its country code. */
public final class PhoneNumbers {

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	private PhoneNumbers() {
	}

	/** The number in E.164 form; throws {@link IllegalArgumentException} if it is not a valid one. */
	public static String e164(String raw) {
		String trimmed = raw.trim();
		if (!trimmed.startsWith("+")) {
			throw new IllegalArgumentException("a phone number needs its country code, as in +12025550143");
		}
		try {
			PhoneNumber number = UTIL.parse(trimmed, null);
			if (!UTIL.isValidNumber(number)) {
				throw new IllegalArgumentException("not a valid phone number");
			}
			return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
		}
		catch (NumberParseException ex) {
			throw new IllegalArgumentException("not a phone number", ex);
		}
	}
}
