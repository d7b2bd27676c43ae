package app.lantern.checkin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.events.AlertAction;
import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.EventJson;
import app.lantern.events.Severity;
import app.lantern.events.Topics;
import app.lantern.testsupport.TopicRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;

/** The console as a browser uses it: a form sign-in, a session cookie, CSRF tokens in every form. */
@CheckinServiceTest
class ConsoleTest {

	@LocalServerPort
	int port;

	HttpClient browser;

	String clientId;

	@BeforeEach
	void signIn() throws Exception {
		browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
		String login = get("/login");
		send(post("/login", "username=admin&password=" + StaffApi.ADMIN_PASSWORD + "&_csrf=" + csrf(login)));
		clientId = StaffApi.enrol(StaffApi.admin(port), "Harley", TestPhones.next());
	}

	@Test
	void theCaseloadSaysWhoHasCheckedInForTheirNextDueTime() throws Exception {
		String name = "Quinn " + UUID.randomUUID().toString().substring(0, 6); // other tests enrol a Quinn too
		String quinn = StaffApi.enrol(StaffApi.admin(port), name, TestPhones.next());
		String before = row(get("/"), name);
		assertThat(before).doesNotContain("checked in").containsPattern("next \\d\\d:\\d\\d|due (soon|now)");

		StaffApi.admin(port).post().uri("/api/checkins").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.body(java.util.Map.of("clientId", quinn, "craving", 3)).retrieve().toBodilessEntity();

		assertThat(row(get("/"), name)).contains("checked in");
	}

	private static String row(String caseload, String name) {
		int at = caseload.indexOf(">" + name + "<");
		return caseload.substring(caseload.lastIndexOf("<tr", at), caseload.indexOf("</tr>", at));
	}

	@Test
	void theCaseloadPutsTheClientWithACriticalAlertFirstAndTheQueueActsOnIt() throws Exception {
		StaffApi.enrol(StaffApi.admin(port), "Aaron", TestPhones.next());
		AlertEvent crisis = AlertEvent.of(UUID.randomUUID(), clientId, AlertType.CRISIS, Severity.CRITICAL, 1,
				AlertState.RAISED, "rule crisis", Instant.now(), null, Instant.now());
		TopicRecords.publish(Topics.ALERTS, clientId, EventJson.writeString(crisis));
		await().atMost(Duration.ofSeconds(20)).until(() -> get("/alerts").contains(crisis.alertId().toString()));

		String caseload = get("/");
		assertThat(caseload).contains("<title>Caseload · Lantern</title>").contains("1 open, critical");
		assertThat(caseload.indexOf(">Harley<")).as("the client in crisis comes before a quiet one, whatever the names")
			.isLessThan(caseload.indexOf(">Aaron<"));

		String queue = get("/alerts");
		HttpResponse<String> acknowledged = send(post("/alerts/" + crisis.alertId() + "/acknowledge", "_csrf=" + csrf(queue)));
		assertThat(acknowledged.statusCode()).isEqualTo(302);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TopicRecords.all(Topics.ALERT_ACTIONS)
			.stream().filter(record -> clientId.equals(record.key()))
			.map(record -> EventJson.read(record.value(), AlertAction.class)))
			.singleElement().satisfies(action -> {
				assertThat(action.actorKind()).isEqualTo(AlertAction.Actor.STAFF);
				assertThat(action.actor()).isEqualTo("admin");
			}));
	}

	@Test
	void theQueueIsToldOfANewAlertWithoutAReload() throws Exception {
		HttpRequest stream = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/alerts/stream"))
			.header("Accept", "text/event-stream").build();
		// the response headers arrive once the server holds the stream open: from then on it hears every change
		HttpResponse<java.io.InputStream> answer = browser.sendAsync(stream, HttpResponse.BodyHandlers.ofInputStream())
			.get(20, java.util.concurrent.TimeUnit.SECONDS);
		CompletableFuture<String> firstEvent = CompletableFuture.supplyAsync(() -> {
			try (var lines = new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.startsWith("event:")) {
						return line;
					}
				}
				return null;
			}
			catch (Exception ex) {
				return null;
			}
		});

		TopicRecords.publish(Topics.ALERTS, clientId, EventJson.writeString(AlertEvent.of(UUID.randomUUID(), clientId,
				AlertType.HIGH_CRAVING, Severity.HIGH, 1, AlertState.RAISED, "rule high-craving", Instant.now(), null,
				Instant.now())));

		assertThat(firstEvent.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("event:alerts");
	}

	@Test
	void theClientPageShowsTheRecordWithoutNamesInItsTitleOrUrl() throws Exception {
		String page = get("/clients/" + clientId);

		assertThat(page).contains("<h1>Harley</h1>").contains("Craving and mood").contains("Disclosure log")
			.contains("<title>Client · Lantern</title>");
	}

	/** The client texted AWAY 2: their page says so, and staff end it there. */
	@Test
	void theClientPageShowsTheClientsOwnAwayAndStaffEndIt() throws Exception {
		aways.start(java.util.UUID.fromString(clientId), 2, null);
		String page = get("/clients/" + clientId);
		assertThat(page).contains("away by their own word (they texted AWAY) until").contains("End the away now");

		send(post("/clients/" + clientId + "/away/end", "_csrf=" + csrf(page)));

		assertThat(get("/clients/" + clientId)).contains("The away was ended").doesNotContain("End the away now");
		assertThat(aways.until(java.util.UUID.fromString(clientId))).isEmpty();
	}

	@org.springframework.beans.factory.annotation.Autowired
	app.lantern.checkin.registry.Aways aways;

	@Test
	void enrolmentShowsEachErrorNextToItsFieldAndStoresNothingUntilAllAreRight() throws Exception {
		String form = get("/clients/new");
		HttpResponse<String> wrong = send(post("/clients/new", "_csrf=" + csrf(form)
				+ "&displayName=Robin&phone=12345&timezone=Mars%2FOlympus&dueTimes=25%3A00&graceMinutes=60"
				+ "&reminderMinutesBefore=30&cravingThreshold=8"));

		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("id=\"phone-error\"").contains("id=\"timezone-error\"")
			.contains("id=\"dueTimes-error\"").doesNotContain("id=\"displayName-error\"");

		String phone = TestPhones.next();
		HttpResponse<String> right = send(post("/clients/new", "_csrf=" + csrf(wrong.body())
				+ "&displayName=Robin&phone=" + java.net.URLEncoder.encode(phone, StandardCharsets.UTF_8)
				+ "&timezone=America%2FChicago&dueTimes=09%3A00&graceMinutes=60&reminderMinutesBefore=30"
				+ "&cravingThreshold=7&copingPlan=Call+Sam"));
		assertThat(right.statusCode()).isEqualTo(302);
		assertThat(right.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
			.matches(".*/clients/[0-9a-f-]{36}"));
	}

	/** The language a client and a contact are written to in, set on enrolment and changed from the client page. */
	@Test
	void staffSetTheLanguageOnEnrolmentAndChangeItForTheClientAndAContact() throws Exception {
		String form = get("/clients/new");
		HttpResponse<String> enrolled = send(post("/clients/new", "_csrf=" + csrf(form) + "&displayName=Lucia&phone="
				+ java.net.URLEncoder.encode(TestPhones.next(), StandardCharsets.UTF_8)
				+ "&timezone=America%2FChicago&dueTimes=09%3A00&graceMinutes=60&reminderMinutesBefore=30"
				+ "&cravingThreshold=7&language=es"));
		String client = enrolled.headers().firstValue("Location").orElseThrow().replaceAll(".*/clients/", "");
		assertThat(StaffApi.admin(port).get().uri("/api/clients/{id}", client).retrieve().body(Map.class).get("language"))
			.isEqualTo("es");

		String page = get("/clients/" + client);
		assertThat(page).contains("<option value=\"es\" selected=\"selected\">Español (Spanish)</option>");
		send(post("/clients/" + client + "/details", "_csrf=" + csrf(page) + "&language=en"));
		send(post("/clients/" + client + "/contacts", "_csrf=" + csrf(page) + "&name=Marta&role=FAMILY&phone="
				+ java.net.URLEncoder.encode(TestPhones.next(), StandardCharsets.UTF_8) + "&channels=SMS&tier=1&language=es"));
		Map<String, Object> record = StaffApi.admin(port).get().uri("/api/clients/{id}", client).retrieve()
			.body(new ParameterizedTypeReference<Map<String, Object>>() {
			});
		assertThat(record).containsEntry("language", "en");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> contacts = (List<Map<String, Object>>) record.get("contacts");
		assertThat(contacts).singleElement()
			.satisfies(contact -> assertThat(contact).containsEntry("language", "es"));
	}

	/** An ADMIN staffs the rota in the console: sets how a staff user is reached, adds a shift, sees who is on call. */
	@Test
	void anAdminStaffsTheOnCallRotaInTheConsole() throws Exception {
		String nobody = get("/on-call");
		assertThat(nobody).contains("On call").contains("Add a shift");
		String page = get("/on-call");
		String wrong = send(post("/on-call/staff/admin", "phone=555&email=&_csrf=" + csrf(page))).headers()
			.firstValue("Location").orElse("");
		assertThat(get(URI.create(wrong).getPath())).as("the wrong number is named, nothing stored")
			.contains("Phone is not a phone number we can text");
		send(post("/on-call/staff/admin", "phone=%2B12025550177&email=&_csrf=" + csrf(get("/on-call"))));
		java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).withSecond(0).withNano(0);
		send(post("/on-call/shifts", "startsAt=" + now.minusHours(1) + "&endsAt=" + now.plusHours(2)
				+ "&primary=admin&fallback=&_csrf=" + csrf(get("/on-call"))));
		try {
			String staffed = get("/on-call");
			assertThat(staffed).contains("On call now: <strong>admin</strong>").doesNotContain("No one is on call now")
				.contains("+12025550177");
		}
		finally {
			// other tests share this database: leave the rota as it was
			var api = StaffApi.admin(port);
			@SuppressWarnings("unchecked")
			var shifts = (java.util.List<Map<String, Object>>) api.get().uri("/api/staff/on-call").retrieve()
				.body(Map.class).get("shifts");
			shifts.stream().filter(shift -> "admin".equals(shift.get("primary")))
				.forEach(shift -> api.delete().uri("/api/staff/on-call/{id}", shift.get("id")).retrieve()
					.toBodilessEntity());
		}
	}

	private String get(String path) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString()).body();
	}

	private HttpRequest post(String path, String form) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return browser.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String csrf(String page) {
		return app.lantern.testsupport.ConsoleBrowser.csrf(page);
	}
}
