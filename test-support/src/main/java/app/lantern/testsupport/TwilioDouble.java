package app.lantern.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

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
 * WireMock as Twilio's Messages API, with the one piece of state a double needs: the messages it took. A
 * {@code POST …/Messages.json} that a stub answers with 201 is taken the moment it is matched — before any
 * delay the stub adds, so a client that gives up on a slow answer leaves a message Twilio has, as with the real
 * one — and {@code GET …/Messages.json?To=…} lists what was taken for that number, newest first. Stubs for
 * the POST are the test's own (answer, delay, failure).
 */
public final class TwilioDouble {

	private static final String MESSAGES = "/2010-04-01/Accounts/[^/]+/Messages.json";

	private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;

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
