package app.lantern.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * WireMock as Twilio's Messages API (and its Calls API, for the calls to staff on call), with the one piece of state a double needs: the messages it took. A
 * {@code POST …/Messages.json} that a stub answers with 201 is taken the moment it is matched — before any
 * delay the stub adds, so a client that gives up on a slow answer leaves a message Twilio has, as with the real
 * one — and {@code GET …/Messages.json?To=…} lists what was taken for that number, newest first. Stubs for
 * the POST are the test's own (answer, delay, failure), or {@link #acceptEverything}; what was sent is read back
 * with {@link #texts}, {@link #textsTo} and {@link #sendsPerDelivery}, and the calls with {@link #calls}.
 */
public final class TwilioDouble {

	private static final String MESSAGES = "/2010-04-01/Accounts/[^/]+/Messages.json";

	private static final String CALLS = "/2010-04-01/Accounts/[^/]+/Calls.json";

	/** Where the spoken message's keypress goes: the {@code action} of its {@code <Gather>}. */
	private static final Pattern KEYPRESS = Pattern.compile("<Gather [^>]*action=\"([^\"]+)\"");

	private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;

	/** The delivery id in the status callback the notifier gives Twilio ({@code …/twilio/status?d=<id>}). */
	private static final Pattern DELIVERY_ID = Pattern.compile("[?&]d=([0-9a-f-]{36})");

	private TwilioDouble() {
	}

	/** A started double on a free port, with {@code threads} request threads; stub the POST as the test needs. */
	public static WireMockServer start(int threads) {
		Taken taken = new Taken();
		WireMockServer twilio = new WireMockServer(WireMockConfiguration.options().dynamicPort()
			.containerThreads(threads).extensions(taken, new Listing(taken)));
		twilio.start();
		listFromWhatWasTaken(twilio);
		return twilio;
	}

	/** A started double that takes every message at once (201). */
	public static WireMockServer accepting() {
		WireMockServer twilio = start(16);
		acceptEverything(twilio);
		return twilio;
	}

	/** Every message is taken (201, a message resource). */
	public static void acceptEverything(WireMockServer twilio) {
		acceptEverything(twilio, Duration.ZERO);
	}

	/** Every message is taken, and answered {@code after} that long (taken before the answer, as Twilio does). */
	public static void acceptEverything(WireMockServer twilio, Duration after) {
		twilio.stubFor(post(urlPathMatching(MESSAGES)).willReturn(taken().withFixedDelay((int) after.toMillis())));
		twilio.stubFor(post(urlPathMatching(CALLS)).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json").withBody("{\"sid\":\"CA1\",\"status\":\"queued\"}")));
	}

	/** One call as it reached the double: to, from, the TwiML it would play, and where its keypress would go. */
	public record Call(String to, String from, String twiml, String keypressUrl, Instant at) {
	}

	/** Every call request the double received, in the order they came. */
	public static List<Call> calls(WireMockServer twilio) {
		List<Call> calls = new ArrayList<>();
		for (ServeEvent event : twilio.getAllServeEvents()) {
			var request = event.getRequest();
			if (!"POST".equals(request.getMethod().getName()) || !request.getUrl().contains("/Calls.json")) {
				continue;
			}
			Map<String, String> form = Taken.form(request.getBodyAsString());
			String twiml = form.getOrDefault("Twiml", "");
			Matcher keypress = KEYPRESS.matcher(twiml);
			calls.add(new Call(form.getOrDefault("To", ""), form.getOrDefault("From", ""), twiml,
					keypress.find() ? keypress.group(1).replace("&amp;", "&") : null, request.getLoggedDate().toInstant()));
		}
		calls.sort(Comparator.comparing(Call::at));
		return calls;
	}

	/** The calls to {@code phone}, in the order they came. */
	public static List<Call> callsTo(WireMockServer twilio, String phone) {
		return calls(twilio).stream().filter(call -> call.to().equals(phone)).toList();
	}

	/** Twilio's answer to a message it took: 201 and a queued message resource. */
	public static ResponseDefinitionBuilder taken() {
		return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
			.withBody("{\"sid\":\"SM1\",\"status\":\"queued\"}");
	}

	/** One message as it reached the double: to, from, text, the delivery it was for (or null), when it came. */
	public record Text(String to, String from, String body, String deliveryId, Instant at) {
	}

	/** Every message request the double received (taken or not), in the order they came. */
	public static List<Text> texts(WireMockServer twilio) {
		List<Text> texts = new ArrayList<>();
		for (ServeEvent event : twilio.getAllServeEvents()) {
			var request = event.getRequest();
			if (!"POST".equals(request.getMethod().getName()) || !request.getUrl().contains("/Messages.json")) {
				continue;
			}
			Map<String, String> form = Taken.form(request.getBodyAsString());
			Matcher delivery = DELIVERY_ID.matcher(form.getOrDefault("StatusCallback", ""));
			texts.add(new Text(form.getOrDefault("To", ""), form.getOrDefault("From", ""), form.getOrDefault("Body", ""),
					delivery.find() ? delivery.group(1) : null, request.getLoggedDate().toInstant()));
		}
		texts.sort(Comparator.comparing(Text::at));
		return texts;
	}

	/** The texts of the messages to {@code phone}, in the order they came. */
	public static List<String> textsTo(WireMockServer twilio, String phone) {
		return texts(twilio).stream().filter(text -> text.to().equals(phone)).map(Text::body).toList();
	}

	/** How many requests each delivery made: more than one for a delivery is a message sent twice. */
	public static Map<String, Integer> sendsPerDelivery(WireMockServer twilio) {
		Map<String, Integer> sends = new HashMap<>();
		texts(twilio).stream().filter(text -> text.deliveryId() != null)
			.forEach(text -> sends.merge(text.deliveryId(), 1, Integer::sum));
		return sends;
	}

	/** The list stub again, after a test reset the double's stubs. */
	public static void listFromWhatWasTaken(WireMockServer twilio) {
		twilio.stubFor(get(urlPathMatching(MESSAGES)).willReturn(aResponse().withTransformers(Listing.NAME)));
	}

	/** Records the messages taken, from every POST. */
	static final class Taken implements ServeEventListener {

		private final Deque<Map<String, String>> messages = new ConcurrentLinkedDeque<>();

		@Override
		public String getName() {
			return "twilio-messages-taken";
		}

		@Override
		public void afterMatch(ServeEvent event, Parameters parameters) {
			var request = event.getRequest();
			if (!"POST".equals(request.getMethod().getName()) || !request.getUrl().contains("/Messages.json")
					|| event.getResponseDefinition() == null || event.getResponseDefinition().getStatus() != 201) {
				return;
			}
			Map<String, String> form = form(request.getBodyAsString());
			Map<String, String> message = new HashMap<>();
			message.put("sid", "SM" + Integer.toHexString(System.identityHashCode(event)) + messages.size());
			message.put("to", form.getOrDefault("To", ""));
			message.put("from", form.getOrDefault("From", ""));
			message.put("body", form.getOrDefault("Body", ""));
			message.put("status", "sent");
			message.put("date_created", RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC)));
			messages.addFirst(message);
		}

		private static Map<String, String> form(String body) {
			Map<String, String> form = new HashMap<>();
			for (String pair : body.split("&")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
				}
			}
			return form;
		}
	}

	/** Answers the list stub from what was taken, newest first. */
	static final class Listing implements ResponseDefinitionTransformerV2 {

		static final String NAME = "twilio-messages-list";

		private final Deque<Map<String, String>> messages;

		private final JsonMapper json = JsonMapper.builder().build();

		Listing(Taken taken) {
			this.messages = taken.messages;
		}

		@Override
		public String getName() {
			return NAME;
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public ResponseDefinition transform(ServeEvent event) {
			String to = event.getRequest().queryParameter("To").isPresent()
					? event.getRequest().queryParameter("To").firstValue() : null;
			List<Map<String, String>> found = new ArrayList<>();
			for (Map<String, String> message : messages) {
				if (to == null || to.equals(message.get("to"))) {
					found.add(message);
				}
			}
			Map<String, Object> page = new HashMap<>();
			page.put("messages", found);
			page.put("next_page_uri", null);
			page.put("page", 0);
			page.put("page_size", found.size());
			return new ResponseDefinitionBuilder().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody(json.writeValueAsString(page))
				.build();
		}
	}
}
