package app.lantern.checkin.registry;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers, checked with libphonenumber and kept in E.164. Staff type them as people do — {@code (202)
 * 555-0198} — and a number without its country code belongs to the programme's country.
 */
public final class PhoneNumbers {

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	private PhoneNumbers() {
	}

	/** How a wrong number is explained to a case manager. */
	public static final String PROBLEM = "is not a phone number we can text: type it as in (202) 555-0198, or with "
			+ "its country code as in +44 7700 900123";

	/** The number in E.164 form; throws {@link IllegalArgumentException} if it is not a valid one. */
	public static String e164(String raw) {
		String trimmed = raw.trim();
		if (!trimmed.startsWith("+")) {
			throw new IllegalArgumentException("a phone number needs its country code, as in +12025550143");
		}
		return e164(trimmed, null);
	}

	/**
	 * The number in E.164 form, read as typed in {@code region} (ISO 3166 country, as in US) when it has no
	 * {@code +country}; throws {@link IllegalArgumentException} if it is not a valid one.
	 */
	public static String e164(String raw, String region) {
		String trimmed = raw.trim();
		try {
			PhoneNumber number = UTIL.parse(trimmed, trimmed.startsWith("+") ? null : region);
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
