package app.lantern.checkin.sms;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.lantern.checkin.intake.CrisisWords;

/**
 * The SMS grammar (docs/contract.md). Case does not matter, nor do extra spaces, trailing punctuation or emoji.
 * A check-in starts with the craving ({@code 7}, {@code 7/10}, {@code c7}, {@code craving 7},
 * {@code craving is 7}), may go on with the mood ({@code mood 3}, {@code m3}) and keeps whatever text follows
 * as the note; {@code used} (or {@code i used}) reports use, with an optional craving after it. Crisis words
 * anywhere make it a crisis, whatever else the message says. {@code AWAY 3} is the client's own planned absence of
 * three days, {@code BACK} ends it. Spanish reads too ({@code ayuda}, {@code usé 6}, {@code 7 ánimo 3},
 * {@code fuera 2}, {@code volví}, {@code diario}, {@code sí} for YES); the English keywords work whatever the client's language.
 */
final class SmsGrammar {

	private static final Set<String> OPT_OUT = Set.of("stop", "stopall", "unsubscribe", "cancel", "end", "quit");

	/** START lifts a STOP; YES (Spanish SÍ, SI) says yes to a contact's invitation too. */
	private static final Set<String> OPT_IN = Set.of("start", "unstop", "yes", "si");

	private static final Set<String> HELP = Set.of("help", "info", "ayuda");

	private static final Set<String> PLAN = Set.of("plan", "my plan", "mi plan");

	/** The answer to "did you make it?" after an appointment (YES and SÍ read as opt-ins, which a client's answer too). */
	private static final Set<String> MADE_IT = Set.of("y", "yep", "i did", "s", "lo hice", "fui");

	private static final Set<String> MISSED_IT = Set.of("n", "no", "nope", "i didnt", "i did not", "no fui");

	private static final Set<String> REVOKE = Set.of("revoke", "revocar", "revoke consent", "revocar permiso");

	private static final Set<String> ACKNOWLEDGE = Set.of("ok", "okay", "on it", "im on it", "i'm on it");

	private static final int MAX_NOTE = 1000;

	/** {@code away 3}, {@code away 3 days}, {@code away for 3 days}; {@code away} alone asks how long. */
	private static final Pattern AWAY = Pattern.compile(
			"^(?:away|fuera)(?:\\s+(?:for\\s+|por\\s+)?(\\d{1,3})(?:\\s*(?:days?|dias?))?)?$");

	private static final Set<String> BACK = Set.of("back", "im back", "i'm back", "i am back", "volvi", "ya volvi",
			"regrese", "de vuelta");

	private static final Set<String> DAILY_ON = Set.of("daily", "daily on", "diario", "diario si");

	private static final Set<String> DAILY_OFF = Set.of("daily off", "daily stop", "no daily", "diario no", "no diario");

	/** {@code used} (Spanish {@code usé}, {@code use}), then an optional craving. */
	private static final Pattern USED = Pattern.compile("^(?:i\\s+|yo\\s+)?(?:used|use)\\b[\\s,.:;!-]*(?:(?:craving|c|ansias?|deseo)\\s*(?:is|es|=|:)?\\s*)?(\\d{1,2})?(?:\\s*/\\s*10)?\\b(.*)$",
			Pattern.DOTALL);

	/** The craving first: {@code 7}, {@code 7/10}, {@code c7}, {@code craving 7}, {@code craving is 7}. */
	private static final Pattern CRAVING = Pattern.compile("^(?:(?:my\\s+|mi\\s+)?(?:craving|c|ansias?|deseo)\\s*(?:is|es|=|:|-)?\\s*)?(\\d{1,3})(?:\\s*/\\s*10)?(?!\\d|[.:,]\\d)(.*)$",
			Pattern.DOTALL);

	/** The mood after the craving: {@code mood 3}, {@code m3}, {@code mood: 3}, {@code mood is 3}. */
	private static final Pattern MOOD = Pattern.compile("^[\\s,;.-]*(?:mood|animo|m)\\s*(?:is|es|=|:|-)?\\s*(\\d{1,2})(?:\\s*/\\s*5)?(?!\\d)(.*)$",
			Pattern.DOTALL);

	private final Predicate<String> crisisWords;

	SmsGrammar(CrisisWords crisisWords) {
		this(crisisWords::foundIn);
	}

	/** {@code crisisWords}: whether a text holds words of crisis. */
	SmsGrammar(Predicate<String> crisisWords) {
		this.crisisWords = crisisWords;
	}

	SmsMessage read(String body) {
		return read(body, crisisWords);
	}

	/** The text read with {@code crisisWords} of its own (a client's programme's). */
	SmsMessage read(String body, Predicate<String> crisisWords) {
		String text = body == null ? "" : Normalizer.normalize(body, Normalizer.Form.NFKC).strip();
		// accents folded (usé, ánimo, volví) one character for one, so positions still match the text as written
		String lower = withoutAccents(text.toLowerCase(Locale.ROOT));
		String keyword = lower.replaceAll("[\\s.!?]+$", "").replaceAll("\\s+", " ").replace('’', '\'');
		if (OPT_OUT.contains(keyword)) {
			return new SmsMessage.OptOut();
		}
		if (OPT_IN.contains(keyword)) {
			return new SmsMessage.OptIn(!keyword.equals("start") && !keyword.equals("unstop"));
		}
		if (HELP.contains(keyword)) {
			return new SmsMessage.Help();
		}
		if (ACKNOWLEDGE.contains(keyword)) {
			return new SmsMessage.Acknowledge();
		}
		if (REVOKE.contains(keyword)) {
			return new SmsMessage.Revoke();
		}
		if (PLAN.contains(keyword)) {
			return new SmsMessage.Plan();
		}
		if (MADE_IT.contains(keyword.replace("'", "")) || MISSED_IT.contains(keyword.replace("'", ""))) {
			return new SmsMessage.Attendance(MADE_IT.contains(keyword.replace("'", "")));
		}
		boolean crisis = crisisWords.test(text);
		Matcher away = AWAY.matcher(keyword);
		if (away.matches() && !crisis) {
			return new SmsMessage.Away(away.group(1) == null ? null : Integer.valueOf(away.group(1)));
		}
		if (BACK.contains(keyword)) {
			return new SmsMessage.Back();
		}
		if (DAILY_ON.contains(keyword) || DAILY_OFF.contains(keyword)) {
			return new SmsMessage.Daily(DAILY_ON.contains(keyword));
		}
		SmsMessage checkIn = checkIn(text, lower, crisis);
		if (checkIn instanceof SmsMessage.Unreadable && crisis) {
			return new SmsMessage.Crisis(note(text));
		}
		return checkIn;
	}

	private SmsMessage checkIn(String text, String lower, boolean crisis) {
		Matcher used = USED.matcher(lower);
		if (used.matches()) {
			Integer craving = used.group(1) == null ? null : Integer.valueOf(used.group(1));
			if (craving != null && craving > 10) {
				return new SmsMessage.Unreadable("craving");
			}
			// "used" alone reports use without a craving: it is recorded as not given, never guessed
			return new SmsMessage.CheckIn(craving, null, true, note(tail(text, used.start(2))), crisis);
		}
		Matcher craving = CRAVING.matcher(lower);
		if (!craving.matches()) {
			return new SmsMessage.Unreadable("format");
		}
		int value = Integer.parseInt(craving.group(1));
		if (value > 10) {
			return new SmsMessage.Unreadable("craving");
		}
		String rest = tail(text, craving.start(2));
		Integer mood = null;
		Matcher moodMatch = MOOD.matcher(withoutAccents(rest.toLowerCase(Locale.ROOT)));
		if (moodMatch.matches()) {
			mood = Integer.valueOf(moodMatch.group(1));
			if (mood < 1 || mood > 5) {
				return new SmsMessage.Unreadable("mood");
			}
			rest = tail(rest, moodMatch.start(2));
		}
		return new SmsMessage.CheckIn(value, mood, false, note(rest), crisis);
	}

	/** Each accented letter as its base letter, one character for one (anything else as it is). */
	static String withoutAccents(String text) {
		StringBuilder plain = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			String base = c < 0x80 ? null
					: Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
			plain.append(base != null && base.length() == 1 ? base.charAt(0) : c);
		}
		return plain.toString();
	}

	/** The original text (case kept) from the same position as in the lower-cased copy. */
	private static String tail(String text, int from) {
		return from < 0 || from >= text.length() ? "" : text.substring(from);
	}

	private static String note(String rest) {
		String note = rest.replaceAll("^[\\s,;:.\\-–—]+", "").strip();
		if (note.isEmpty() || note.matches("[\\p{Punct}\\s]+")) {
			return null;
		}
		return note.length() > MAX_NOTE ? note.substring(0, MAX_NOTE) : note;
	}

	static List<String> optOutWords() {
		return List.copyOf(OPT_OUT);
	}
}
