package app.lantern.checkin.intake;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Words of crisis, found anywhere in a message, whole words only, whatever the case or the kind of
 * apostrophe ({@code can't}, {@code can’t} and {@code cant} are the same). The list is configuration
 * ({@code lantern.sms.crisis-words}); erring towards a false alarm is the safe side.
 */
public final class CrisisWords {

	private final List<Pattern> patterns;

	public CrisisWords(List<String> words) {
		this.patterns = words.stream()
			.map(CrisisWords::fold)
			.filter(word -> !word.isBlank())
			.map(word -> Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word).replace(" ", "\\E\\s+\\Q")
					+ "(?![\\p{L}\\p{N}])"))
			.toList();
	}

	public boolean foundIn(String text) {
		String folded = fold(text);
		return patterns.stream().anyMatch(pattern -> pattern.matcher(folded).find());
	}

	/** Lower case, compatibility forms and accents folded ("más" is "mas"), apostrophes removed, runs of spaces as one. */
	private static String fold(String text) {
		return Normalizer.normalize(Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC), Normalizer.Form.NFD)
			.replaceAll("\\p{M}+", "")
			.toLowerCase(Locale.ROOT)
			.replaceAll("['’‘`´]", "")
			.replaceAll("\\s+", " ")
			.strip();
	}
}
