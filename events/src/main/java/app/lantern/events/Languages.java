package app.lantern.events;

import java.util.IllformedLocaleException;
import java.util.Locale;

/**
 * The languages people are written to in: a BCP 47 tag (en, es, …) per programme, client and contact. English is
 * the default and the fallback: a language without a message bundle (a programme may add one without a release)
 * reads English.
 */
public final class Languages {

	public static final String DEFAULT = "en";

	private Languages() {
	}

	/** The locale of {@code tag}, English when it is absent or no language tag. */
	public static Locale locale(String tag) {
		if (tag == null || tag.isBlank()) {
			return Locale.ENGLISH;
		}
		try {
			Locale locale = new Locale.Builder().setLanguageTag(tag.trim()).build();
			return locale.getLanguage().isEmpty() ? Locale.ENGLISH : locale;
		}
		catch (IllformedLocaleException notATag) {
			return Locale.ENGLISH;
		}
	}

	/** Whether {@code tag} is a language tag: two or three letters, a region or script after it if need be. */
	public static boolean valid(String tag) {
		if (tag == null || !tag.trim().matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
			return false;
		}
		try {
			new Locale.Builder().setLanguageTag(tag.trim()).build();
			return true;
		}
		catch (IllformedLocaleException notATag) {
			return false;
		}
	}
}
