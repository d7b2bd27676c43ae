package app.lantern.checkin.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.checkin.CheckinServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

@CheckinServiceTest
class WebCheckInPageTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	RestClient browser;

	String clientId;

	String token;

	@BeforeEach
	void enrol() {
		browser = StaffApi.anonymous(port);
		Map<?, ?> client = StaffApi.admin(port).post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(StaffApi.enrolment("Jordan", TestPhones.next())).retrieve().body(Map.class);
		clientId = (String) client.get("id");
		String url = (String) client.get("checkinUrl");
		token = url.substring(url.lastIndexOf('/') + 1);
	}

	/** The page is an app the client can install: its manifest opens their own link, its worker keeps pages of /c/. */
	@Test
	void thePageIsAnAppToInstallWithAWorkerForABadConnection() {
		var manifest = browser.get().uri("/c/{t}/manifest.webmanifest", token).retrieve().toEntity(Map.class);
		assertThat(manifest.getHeaders().getContentType().toString()).startsWith("application/manifest+json");
		assertThat(manifest.getBody()).containsEntry("start_url", "/c/" + token).containsEntry("scope", "/c/")
			.containsEntry("display", "standalone");
		var worker = browser.get().uri("/c/sw.js").retrieve().toEntity(String.class);
		assertThat(worker.getHeaders().getContentType().toString()).startsWith("text/javascript");
		assertThat(worker.getBody()).contains("caches.match(request)", "tel:988");
		assertThat(browser.get().uri("/c/{t}", token).retrieve().body(String.class))
			.contains("rel=\"manifest\" href=\"/c/" + token + "/manifest.webmanifest\"", "id=\"offline-status\"");
	}

	/** The check-in is the page's main action; the crisis button stands apart under its own heading, after it. */
	@Test
	void sendingTheCheckInIsThePagesMainActionAndTheCrisisButtonStandsApart() {
		String page = browser.get().uri("/c/{t}", token).retrieve().body(String.class);

		int send = page.indexOf("<button class=\"primary\" type=\"submit\">Send my check-in</button>");
		int danger = page.indexOf("<section class=\"danger\" aria-labelledby=\"danger-heading\">");
		int help = page.indexOf("<button class=\"help\" type=\"submit\">I need help now</button>");
		assertThat(send).as("the check-in is the primary button").isPositive();
		assertThat(List.of(send, danger, help)).as("then the crisis, set apart, after it").isSorted();
		assertThat(page).contains("In danger right now?");
	}

	@Test
	void thePageWorksWithoutJavaScriptAndRecordsAWebCheckIn() {
		var page = browser.get().uri("/c/{t}", token).retrieve().toEntity(String.class);
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
		// JavaScript only adds to it (the app, a check-in kept offline): no script of its own in the page, and the
		// check-in below is a plain form post
		assertThat(page.getBody()).contains("Hi Jordan").contains("name=\"craving\"").contains("I need help now")
			.containsOnlyOnce("<script").contains("<script src=\"/js/checkin.js\" defer></script>");

		var done = submit(page, Map.of("craving", "9", "mood", "2", "note", "bad night"));

		assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(done.getBody()).contains("Call my sponsor");
		assertThat(jdbc.sql("select channel || ':' || craving || ':' || mood from check_in where client_id = ?::uuid")
			.param(clientId).query(String.class).list()).containsExactly("WEB:9:2");
	}

	/** A client enrolled in Spanish reads their page, its errors and its answers in Spanish. */
	@Test
	void aSpanishSpeakingClientsPageIsInSpanish() {
		var body = new java.util.HashMap<>(StaffApi.enrolment("Lucía", TestPhones.next()));
		body.put("language", "es");
		String url = (String) StaffApi.admin(port).post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(body).retrieve().body(Map.class).get("checkinUrl");
		String spanish = url.substring(url.lastIndexOf('/') + 1);

		var page = browser.get().uri("/c/{t}", spanish).retrieve().toEntity(String.class);
		assertThat(page.getBody()).contains("lang=\"es\"").contains("Hola Lucía, ¿cómo está?")
			.contains("Necesito ayuda ahora").contains("marque 2").doesNotContain("I need help now");
		var again = submit(spanish, page, Map.of());
		assertThat(again.getBody()).contains("elija qué tan fuerte es el ansia");
		var help = submit(spanish, page, Map.of("crisis", "true"));
		assertThat(help.getBody()).contains("Hay ayuda para usted ahora").contains("tel:988");
	}

	@Test
	void iNeedHelpNowShowsCrisisResourcesAtOnceAndRecordsACrisis() {
		var page = browser.get().uri("/c/{t}", token).retrieve().toEntity(String.class);

		var done = submit(page, Map.of("crisis", "true"));

		assertThat(done.getBody()).contains("988").contains("911").contains("tel:988");
		assertThat(jdbc.sql("select crisis from check_in where client_id = ?::uuid").param(clientId)
			.query(Boolean.class).list()).containsExactly(true);
	}

	@Test
	void submittingTheSameFormTwiceRecordsOneCheckIn() {
		var page = browser.get().uri("/c/{t}", token).retrieve().toEntity(String.class);

		submit(page, Map.of("craving", "3"));
		submit(page, Map.of("craving", "3"));

		assertThat(jdbc.sql("select count(*) from check_in where client_id = ?::uuid").param(clientId)
			.query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void aMissingCravingIsAskedForAgainAndNothingIsStored() {
		var page = browser.get().uri("/c/{t}", token).retrieve().toEntity(String.class);

		var again = submit(page, Map.of("note", "forgot the number"));

		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(again.getBody()).contains("Please choose how strong the craving is");
		assertThat(jdbc.sql("select count(*) from check_in where client_id = ?::uuid").param(clientId)
			.query(Integer.class).single()).isZero();
	}

	@Test
	void aWrongOrRotatedLinkIsNotFoundAndSaysNothingAboutAnyoneWhileTheNewLinkWorks() {
		var wrong = browser.get().uri("/c/{t}", "not-a-real-token-at-all-0000000000").retrieve().toEntity(String.class);
		String rotatedAway = token;
		Map<?, ?> rotation = StaffApi.admin(port).post().uri("/api/clients/{id}/link/rotate", clientId).retrieve()
			.body(Map.class);
		String newUrl = (String) rotation.get("checkinUrl");
		String newToken = newUrl.substring(newUrl.lastIndexOf('/') + 1);
		var rotated = browser.get().uri("/c/{t}", rotatedAway).retrieve().toEntity(String.class);

		assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(rotated.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(rotated.getBody()).isEqualTo(wrong.getBody()).doesNotContain("Jordan");

		assertThat(newToken).isNotEqualTo(rotatedAway);
		var page = browser.get().uri("/c/{t}", newToken).retrieve().toEntity(String.class);
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(page.getBody()).contains("Hi Jordan");
		assertThat(submit(newToken, page, Map.of("craving", "4")).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(jdbc.sql("select channel || ':' || craving from check_in where client_id = ?::uuid").param(clientId)
			.query(String.class).list()).as("the new link records the client's check-in").containsExactly("WEB:4");
	}

	@Test
	void aDischargedClientsLinkSaysKindlyThatTheProgrammeHasEndedAndTakesNothing() {
		StaffApi.admin(port).post().uri("/api/clients/{id}/status", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("status", "DISCHARGED")).retrieve().toBodilessEntity();

		var page = browser.get().uri("/c/{t}", token).retrieve().toEntity(String.class);

		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(page.getBody()).contains("programme has ended").contains("988").contains("911")
			.doesNotContain("Jordan").doesNotContain("name=\"craving\"");
		assertThat(jdbc.sql("select count(*) from check_in where client_id = ?::uuid").param(clientId)
			.query(Integer.class).single()).isZero();
	}

	/** A page left open for hours, or answered by another instance: no session, no cookie, only the page's proof. */
	@Test
	void eachButtonWorksWithEveryCookieDropped() {
		var page = browser.get().uri("/c/{t}", token).retrieve().toEntity(String.class);
		assertThat(page.getHeaders().get(HttpHeaders.SET_COOKIE)).as("the page needs no session").isNull();

		var checkIn = submit(page, Map.of("craving", "5"));
		var help = submit(token, page, Map.of("crisis", "true"), "-help");

		assertThat(checkIn.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(help.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(help.getBody()).contains("988").contains("911");
		assertThat(jdbc.sql("select craving::text || ':' || crisis from check_in where client_id = ?::uuid order by received_at")
			.param(clientId).query(String.class).list()).hasSize(2).contains("5:false");
		assertThat(jdbc.sql("select count(*) from check_in where client_id = ?::uuid and crisis").param(clientId)
			.query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void aPostWithoutThePagesProofChangesNothingButStillShowsCrisisResources() {
		String otherToken = otherClientsToken();
		var othersPage = browser.get().uri("/c/{t}", otherToken).retrieve().toEntity(String.class);
		String othersProof = field(othersPage, "proof");

		var noProof = browser.post().uri("/c/{t}", token).contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.header(HttpHeaders.COOKIE, "JSESSIONID=made-up").body("craving=5").retrieve().toEntity(String.class);
		var forgedProof = browser.post().uri("/c/{t}", token).contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body("craving=5&proof=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").retrieve().toEntity(String.class);
		var anotherLinksProof = browser.post().uri("/c/{t}", token).contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body("craving=5&proof=" + othersProof).retrieve().toEntity(String.class);
		var crisisWithoutProof = browser.post().uri("/c/{t}", token).contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body("crisis=true").retrieve().toEntity(String.class);

		assertThat(List.of(noProof.getStatusCode(), forgedProof.getStatusCode(), anotherLinksProof.getStatusCode(),
				crisisWithoutProof.getStatusCode())).containsOnly(HttpStatus.FORBIDDEN);
		assertThat(crisisWithoutProof.getBody()).as("whoever asked for help sees where to get it").contains("988");
		assertThat(jdbc.sql("select count(*) from check_in where client_id = ?::uuid").param(clientId)
			.query(Integer.class).single()).isZero();
	}

	private String otherClientsToken() {
		Map<?, ?> other = StaffApi.admin(port).post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(StaffApi.enrolment("Sky", TestPhones.next())).retrieve().body(Map.class);
		String url = (String) other.get("checkinUrl");
		return url.substring(url.lastIndexOf('/') + 1);
	}

	private static String field(ResponseEntity<String> page, String name) {
		return CheckInPages.field(page, name);
	}

	private ResponseEntity<String> submit(ResponseEntity<String> page, Map<String, String> fields) {
		return submit(token, page, fields, "");
	}

	private ResponseEntity<String> submit(String link, ResponseEntity<String> page, Map<String, String> fields) {
		return submit(link, page, fields, "");
	}

	private ResponseEntity<String> submit(String link, ResponseEntity<String> page, Map<String, String> fields,
			String form) {
		return CheckInPages.submit(browser, link, page, fields, form);
	}
}
