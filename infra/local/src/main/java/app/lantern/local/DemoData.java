package app.lantern.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * A few made-up clients in two programmes, loaded through the public API as staff would enter them: schedules,
 * contacts on SMS and e-mail across the tiers, consents of different scope, and one contact who has not opted in
 * yet; a staff user for the second programme, who sees only its clients. Contacts whose agreement staff heard in
 * person are recorded as opted in before the consent, so they are not sent an invitation they already answered.
 * The numbers are in the 555-01xx range reserved for fiction.
 */
public final class DemoData {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String baseUrl;

	private final String authorization;

	private DemoData(String baseUrl, String user, String password) {
		this.baseUrl = baseUrl;
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** Loads the demo data; returns lines for the banner: each client's name, programme and check-in link. */
	public static List<String> load(String baseUrl, String user, String password) throws Exception {
		return new DemoData(baseUrl, user, password).load();
	}

	private final List<String> banner = new ArrayList<>();

	private List<String> load() throws Exception {
		send("PUT", "/api/programmes/default", Map.of("name", "Lantern demo", "timezone", "America/New_York",
				"defaultRegion", "US"));
		post("/api/programmes", Map.of("id", "eastside", "name", "Eastside Recovery", "timezone", "America/Chicago",
				"defaultRegion", "US"));
		String eastsidePassword = "eastside-" + UUID.randomUUID().toString().substring(0, 13);
		post("/api/staff", Map.of("username", "eastside", "password", eastsidePassword, "role", "STAFF", "programmes",
				List.of("eastside")));
		List<String> everything = List.of("MISSED_CHECKIN", "HIGH_CRAVING", "RISING_CRAVING", "REPORTED_USE", "CRISIS");

		String jordan = client("Jordan", "+12025550101", "America/New_York", List.of("09:00", "21:00"),
				List.of("Call Sam", "Go for a walk", "Read my reasons list"), "default");
		String sam = contact(jordan, "Sam", "SPONSOR", "+12025550111", null, List.of("SMS"), 1);
		optIn(jordan, sam, "SMS");
		consent(jordan, sam, everything);
		String pat = contact(jordan, "Pat", "FAMILY", null, "pat@example.org", List.of("EMAIL"), 1);
		optIn(jordan, pat, "EMAIL");
		consent(jordan, pat, List.of("MISSED_CHECKIN", "CRISIS"));
		String lee = contact(jordan, "Dr. Lee", "COUNSELOR", "+12025550113", "lee@example.org",
				List.of("SMS", "EMAIL"), 2);
		optIn(jordan, lee, "SMS");
		optIn(jordan, lee, "EMAIL");
		consent(jordan, lee, everything);

		String riley = client("Riley", "+12025550102", "Europe/London", List.of("08:30"),
				List.of("Text Alex", "Make a cup of tea and wait ten minutes"), "default");
		String alex = contact(riley, "Alex", "FRIEND", "+12025550121", null, List.of("SMS"), 1);
		optIn(riley, alex, "SMS");
		consent(riley, alex, List.of("CRISIS", "REPORTED_USE"));

		String casey = client("Casey", "+12025550103", "America/Chicago", List.of("10:00", "22:00"),
				List.of("Go to the 7pm meeting"), "eastside");
		String morgan = contact(casey, "Morgan", "PEER", "+12025550131", null, List.of("SMS"), 1);
		consent(casey, morgan, List.of("MISSED_CHECKIN", "CRISIS"));
		// Morgan has not answered the invitation yet: Lantern sends them nothing until they do.

		// tier 3: the admin is on call for the demo's first 30 days, reached by SMS (in the sandbox outbox)
		send("PUT", "/api/staff/admin/contact", Map.of("phone", "+12025550190"));
		LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withSecond(0).withNano(0);
		post("/api/staff/on-call", Map.of("startsAt", now.toString(), "endsAt", now.plusDays(30).toString(), "primary",
				"admin"));
		banner.add("Staff of Eastside Recovery only: eastside / " + eastsidePassword);
		return banner;
	}

	/** Enrols a client (who is texted their welcome) and notes their check-in link for the banner. */
	private String client(String name, String phone, String zone, List<String> dueTimes, List<String> plan,
			String programme) throws Exception {
		var enrolled = JSON.readTree(post("/api/clients", Map.of("displayName", name, "phone", phone, "timezone", zone,
				"schedule", Map.of("dueTimes", dueTimes, "graceMinutes", 60, "reminderMinutesBefore", 30),
				"cravingThreshold", 8, "copingPlan", plan, "programme", programme)));
		String id = enrolled.get("id").asString();
		// "name id ..." first: scripts read the id as the second field (infra/check-monitoring)
		banner.add(String.format("%-7s %s  %-9s check-in page %s", name, id, "(" + programme + ")",
				enrolled.get("checkinUrl").asString()));
		return id;
	}

	private String contact(String client, String name, String role, String phone, String email, List<String> channels,
			int tier) throws Exception {
		var body = new HashMap<String, Object>(Map.of("name", name, "role", role, "channels", channels, "tier", tier));
		if (phone != null) {
			body.put("phone", phone);
		}
		if (email != null) {
			body.put("email", email);
		}
		return id(post("/api/clients/" + client + "/contacts", body));
	}

	private void consent(String client, String contact, List<String> types) throws Exception {
		post("/api/clients/" + client + "/contacts/" + contact + "/consents",
				Map.of("alertTypes", types, "purpose", "support in recovery (demo)", "expiresOn",
						LocalDate.now().plusYears(1).toString()));
	}

	private void optIn(String client, String contact, String channel) throws Exception {
		post("/api/clients/" + client + "/contacts/" + contact + "/opt-in", Map.of("channel", channel));
	}

	private String post(String path, Object body) throws IOException, InterruptedException {
		return send("POST", path, body);
	}

	private String send(String method, String path, Object body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.header("Authorization", authorization)
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException("demo data: " + method + " " + path + " answered " + response.statusCode() + ": "
					+ response.body());
		}
		return response.body();
	}

	private static String id(String json) {
		return JSON.readTree(json).get("id").asString();
	}
}
