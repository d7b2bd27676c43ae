package app.lantern.checkin.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import app.lantern.checkin.intake.CrisisWords;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The grammar over real-looking messages: typos, emoji, extra spaces, long notes, keywords, crisis words. */
class SmsGrammarTest {

	static final List<String> CRISIS_WORDS = List.of("suicide", "suicidal", "kill myself", "end my life", "overdose",
			"overdosed", "od", "can't go on", "want to die", "hurt myself", "better off dead", "suicidarme", "sobredosis",
			"no puedo más", "quiero morir", "hacerme daño");

	private final SmsGrammar grammar = new SmsGrammar(new CrisisWords(CRISIS_WORDS));

	/** body, then what it reads as: "checkin craving mood used crisis note", or a kind. */
	static Stream<Arguments> messages() {
		return Stream.of(
				// plain cravings
				row("7", "checkin 7 - no no -"), row("0", "checkin 0 - no no -"), row("10", "checkin 10 - no no -"),
				row(" 7 ", "checkin 7 - no no -"), row("7.", "checkin 7 - no no -"), row("7!", "checkin 7 - no no -"),
				row("7/10", "checkin 7 - no no -"), row("7 / 10", "checkin 7 - no no -"), row("07", "checkin 7 - no no -"),
				row("c7", "checkin 7 - no no -"), row("C7", "checkin 7 - no no -"), row("c 7", "checkin 7 - no no -"),
				row("craving 7", "checkin 7 - no no -"), row("Craving is 7", "checkin 7 - no no -"),
				row("craving: 7", "checkin 7 - no no -"), row("CRAVING=7", "checkin 7 - no no -"),
				row("my craving is 4", "checkin 4 - no no -"),
				// with mood
				row("7 mood 3", "checkin 7 3 no no -"), row("c7 m3", "checkin 7 3 no no -"),
				row("C7 M3", "checkin 7 3 no no -"), row("7 m 3", "checkin 7 3 no no -"),
				row("7, mood 3", "checkin 7 3 no no -"), row("7 mood: 3", "checkin 7 3 no no -"),
				row("craving 7 mood 3", "checkin 7 3 no no -"), row("7/10 mood 2/5", "checkin 7 2 no no -"),
				row("  7    mood   3  ", "checkin 7 3 no no -"), row("5 mood is 4", "checkin 5 4 no no -"),
				// notes kept as written
				row("7 rough day at work", "checkin 7 - no no rough day at work"),
				row("7 mood 3 Rough day, called Sam", "checkin 7 3 no no Rough day, called Sam"),
				row("3 - feeling ok", "checkin 3 - no no feeling ok"), row("2 😊", "checkin 2 - no no 😊"),
				row("8 😞😞 bad night", "checkin 8 - no no 😞😞 bad night"),
				row("6 mood 2 went to the meeting, talked to my sponsor after, tired now",
						"checkin 6 2 no no went to the meeting, talked to my sponsor after, tired now"),
				row("4 m5 great day!!", "checkin 4 5 no no great day!!"),
				row("9\nreally hard", "checkin 9 - no no really hard"),
				// reported use
				row("used", "checkin - - yes no -"), row("USED", "checkin - - yes no -"),
				row("used 6", "checkin 6 - yes no -"), row("I used", "checkin - - yes no -"),
				row("i used 8 last night", "checkin 8 - yes no last night"), row("Used, 5", "checkin 5 - yes no -"),
				row("used c9", "checkin 9 - yes no -"), row("used 6/10", "checkin 6 - yes no -"),
				// keywords
				row("STOP", "optout"), row("stop", "optout"), row("Stop.", "optout"), row("STOPALL", "optout"),
				row("unsubscribe", "optout"), row("CANCEL", "optout"), row("end", "optout"), row("quit", "optout"),
				row("START", "optin"), row("unstop", "optin"), row("Yes", "confirm"), row("YES!", "confirm"),
				row("HELP", "help"), row("help?", "help"), row("info", "help"),
				row("OK", "ack"), row("ok", "ack"), row("On it", "ack"), row("ON IT", "ack"),
				// the client's own away, and back
				row("AWAY 3", "away 3"), row("away 2", "away 2"), row("Away 1 day", "away 1"),
				row("away 3 days", "away 3"), row("away for 2 days.", "away 2"), row("AWAY  2", "away 2"),
				row("away", "away -"), row("away 10", "away 10"), row("away 0", "away 0"), row("away two", "unreadable"),
				row("BACK", "back"), row("back!", "back"), row("I'm back", "back"), row("im back", "back"),
				row("away 3 want to die", "crisis"), row("going away 3", "unreadable"),
				// Spanish
				row("7 ánimo 3", "checkin 7 3 no no -"), row("7 animo 3", "checkin 7 3 no no -"),
				row("7 Ánimo 2 día difícil", "checkin 7 2 no no día difícil"), row("ansias 6", "checkin 6 - no no -"),
				row("mi deseo es 4", "checkin 4 - no no -"), row("usé", "checkin - - yes no -"),
				row("use", "checkin - - yes no -"), row("Usé 6", "checkin 6 - yes no -"),
				row("yo usé 8 anoche", "checkin 8 - yes no anoche"), row("AYUDA", "help"), row("ayuda", "help"), row("Sí", "confirm"), row("SI", "confirm"), row("sí.", "confirm"),
				row("quiero suicidarme", "crisis"), row("creo que es una sobredosis", "crisis"),
				row("no puedo más", "crisis"), row("No puedo mas", "crisis"), row("9 no puedo más", "checkin 9 - no yes no puedo más"),
				row("quiero hacerme daño", "crisis"), row("fuera 2", "away 2"), row("FUERA 3 días", "away 3"),
				row("volví", "back"), row("Ya volví", "back"), row("DIARIO", "daily on"), row("diario no", "daily off"),
				row("STOP", "optout"), row("hola", "unreadable"), row("siete", "unreadable"),
				// a contact's evening note
				row("DAILY", "daily on"), row("daily", "daily on"), row("Daily on", "daily on"), row("DAILY OFF", "daily off"),
				row("daily stop", "daily off"), row("daily please", "unreadable"),
				// crisis, with and without a check-in
				row("I want to kill myself", "crisis"), row("i cant go on", "crisis"), row("I can’t go on anymore", "crisis"),
				row("CAN'T GO ON", "crisis"), row("thinking about suicide", "crisis"), row("I think I overdosed", "crisis"),
				row("9 I can't go on", "checkin 9 - no yes I can't go on"),
				row("used 10 overdose", "checkin 10 - yes yes overdose"),
				row("10 want to die", "checkin 10 - no yes want to die"),
				row("methods of suicide prevention class today", "crisis"),
				// not check-ins
				row("", "unreadable"), row("   ", "unreadable"), row("hello", "unreadable"),
				row("how are you", "unreadable"), row("11", "unreadable"), row("100", "unreadable"),
				row("-3", "unreadable"), row("7.5", "unreadable"), row("mood 3", "unreadable"),
				row("7 mood 9", "unreadable"), row("7 mood 0", "unreadable"), row("seven", "unreadable"),
				row("12:30", "unreadable"), row("stop it please", "unreadable"), row("good", "unreadable"),
				row("used 11", "unreadable"), row("😀", "unreadable"),
				// words that only contain a crisis word are not crisis words
				row("the food was good", "unreadable"), row("5 episode of my show", "checkin 5 - no no episode of my show"));
	}

	@ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
	@MethodSource("messages")
	void reads(String body, String expected) {
		assertThat(describe(grammar.read(body))).isEqualTo(expected);
	}

	private static Arguments row(String body, String expected) {
		return Arguments.of(body, expected);
	}

	private static String describe(SmsMessage message) {
		if (message instanceof SmsMessage.CheckIn checkIn) {
			return "checkin " + dash(checkIn.craving()) + " " + dash(checkIn.mood()) + " " + (checkIn.used() ? "yes" : "no")
					+ " " + (checkIn.crisis() ? "yes" : "no") + " " + (checkIn.note() == null ? "-" : checkIn.note());
		}
		if (message instanceof SmsMessage.Crisis) {
			return "crisis";
		}
		if (message instanceof SmsMessage.OptOut) {
			return "optout";
		}
		if (message instanceof SmsMessage.OptIn optIn) {
			return optIn.yes() ? "confirm" : "optin";
		}
		if (message instanceof SmsMessage.Help) {
			return "help";
		}
		if (message instanceof SmsMessage.Acknowledge) {
			return "ack";
		}
		if (message instanceof SmsMessage.Away away) {
			return "away " + dash(away.days());
		}
		if (message instanceof SmsMessage.Back) {
			return "back";
		}
		if (message instanceof SmsMessage.Daily daily) {
			return daily.on() ? "daily on" : "daily off";
		}
		return "unreadable";
	}

	private static String dash(Integer value) {
		return value == null ? "-" : value.toString();
	}
}
