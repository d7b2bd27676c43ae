package app.lantern.checkin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import app.lantern.checkin.StaffApi;
import app.lantern.checkin.CheckinServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

@CheckinServiceTest
class StaffAccessTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void staffCanWorkTheCaseloadButNotManageAccountsOrEraseClients() {
		String username = newStaff("STAFF");
		RestClient staff = as(username, "a long enough password");

		assertThat(staff.get().uri("/api/alerts").retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
		String clientId = StaffApi.enrol(staff, "Kai", app.lantern.checkin.TestPhones.next());
		assertThat(clientId).isNotNull();
		assertThat(staff.get().uri("/api/staff").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(staff.post().uri("/api/staff").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", "sneaky", "password", "a long enough password", "role", "ADMIN")).retrieve()
			.toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(staff.delete().uri("/api/clients/{id}", clientId).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(StaffApi.admin(port).get().uri("/api/clients/{id}", clientId).retrieve().toBodilessEntity()
			.getStatusCode()).as("the forbidden erase changed nothing").isEqualTo(HttpStatus.OK);
	}

	@Test
	void passwordsAreStoredAsBcryptHashes() {
		String username = newStaff("STAFF");

		String hash = jdbc.sql("select password_hash from staff_user where username = ?").param(username)
			.query(String.class).single();
		assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("a long enough password");
	}

	/**
	 * Five wrong passwords from one address lock that user at that address — the right password from there is
	 * refused too — while the same user signs in from another address as usual: no one can lock {@code admin}
	 * out from their own machine. An ADMIN's unlock lifts it.
	 */
	@Test
	void fiveWrongPasswordsFromOneAddressLockOnlyThatAddress() throws Exception {
		String username = newStaff("STAFF");
		for (int i = 0; i < 5; i++) {
			assertThat(from("127.0.0.1", username, "not the password")).isEqualTo(401);
		}

		assertThat(from("127.0.0.1", username, "a long enough password")).as("locked at this address").isEqualTo(401);
		assertThat(from("127.0.0.2", username, "a long enough password")).as("not from another").isEqualTo(200);

		assertThat(StaffApi.admin(port).post().uri("/api/staff/{u}/unlock", username).retrieve().toBodilessEntity()
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(from("127.0.0.1", username, "a long enough password")).as("unlocked").isEqualTo(200);
	}

	/**
	 * A guess spread over three addresses (15 wrong passwords) refuses each of them, and never the account: its
	 * right password from a clean address still signs in — no one outside can lock staff out.
	 */
	@Test
	void aGuessSpreadOverManyAddressesNeverLocksTheAccountForItsRightPassword() throws Exception {
		String username = newStaff("STAFF");
		for (String address : new String[] { "127.0.0.3", "127.0.0.4", "127.0.0.5" }) {
			for (int i = 0; i < 5; i++) {
				from(address, username, "not the password");
			}
		}

		assertThat(from("127.0.0.6", username, "a long enough password")).isEqualTo(200);
		assertThat(from("127.0.0.4", username, "a long enough password")).as("a guessing address").isEqualTo(401);
	}

	/**
	 * Behind the ingress every request comes from its address: failures count by the address it forwards, so five
	 * wrong passwords for {@code admin} from one client lock out that client, not everyone behind the same ingress.
	 */
	@Test
	void wrongPasswordsBehindTheIngressCountByTheAddressItForwards() throws Exception {
		String username = newStaff("STAFF");
		for (int i = 0; i < 5; i++) {
			assertThat(forwarded("203.0.113.9", username, "not the password")).isEqualTo(401);
		}

		assertThat(forwarded("198.51.100.7", username, "a long enough password")).as("another client").isEqualTo(200);
		assertThat(forwarded("203.0.113.9", username, "a long enough password")).as("the guessing one").isEqualTo(401);
	}

	/**
	 * An address that keeps failing, whatever the names, is refused for every name (before any password is hashed);
	 * a name that is no staff user is never stored.
	 */
	@Test
	void anAddressThatKeepsFailingIsRefusedForEveryNameAndUnknownNamesAreNotStored() throws Exception {
		String username = newStaff("STAFF");
		String unknown = "nobody-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < LoginThrottle.ADDRESS_FAILURES; i++) {
			from("127.0.0.7", unknown + i, "a guess");
		}

		assertThat(from("127.0.0.7", username, "a long enough password")).isEqualTo(401);
		assertThat(from("127.0.0.8", username, "a long enough password")).isEqualTo(200);
		assertThat(jdbc.sql("select count(*) from sign_in_failure where username like ?").param(unknown + "%")
			.query(Integer.class).single()).isZero();
	}

	/** GET /api/alerts through a proxy at 127.0.0.1 (as the ingress) for a client at {@code client}. */
	private int forwarded(String client, String username, String password) throws Exception {
		return request("127.0.0.1", "X-Forwarded-For: " + client + "\r\n", username, password);
	}

	@Test
	void onlyAdminsUnlockAndAnUnknownUserIs404() {
		String username = newStaff("STAFF");
		assertThat(as(username, "a long enough password").post().uri("/api/staff/{u}/unlock", username).retrieve()
			.toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(StaffApi.admin(port).post().uri("/api/staff/{u}/unlock", "no-such-user").retrieve()
			.toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	/** GET /api/alerts with Basic credentials from a loopback address of our choosing; returns the status. */
	private int from(String address, String username, String password) throws Exception {
		return request(address, "", username, password);
	}

	private int request(String address, String headers, String username, String password) throws Exception {
		String credentials = java.util.Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		try (var socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port,
				java.net.InetAddress.getByName(address), 0)) {
			socket.getOutputStream().write(("GET /api/alerts HTTP/1.1\r\nHost: localhost\r\n" + headers
					+ "Authorization: Basic " + credentials + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
					java.nio.charset.StandardCharsets.US_ASCII)).readLine();
			return Integer.parseInt(statusLine.split(" ")[1]);
		}
	}

	@Test
	void aSuccessfulSignInResetsTheCount() {
		String username = newStaff("STAFF");
		RestClient wrong = as(username, "not the password");
		RestClient right = as(username, "a long enough password");
		for (int i = 0; i < 4; i++) {
			wrong.get().uri("/api/alerts").retrieve().toBodilessEntity();
		}
		assertThat(right.get().uri("/api/alerts").retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
		for (int i = 0; i < 4; i++) {
			wrong.get().uri("/api/alerts").retrieve().toBodilessEntity();
		}

		assertThat(right.get().uri("/api/alerts").retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void aWeakPasswordIsRefusedWithTheFieldNamed() {
		var answer = StaffApi.admin(port).post().uri("/api/staff").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", "newbie", "password", "short", "role", "STAFF")).retrieve().toEntity(Map.class);

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(answer.getBody().toString()).contains("field=password");
	}

	@Test
	void theConsoleSignsInWithAFormThatNeedsItsCsrfToken() {
		RestClient browser = StaffApi.anonymous(port);
		var login = browser.get().uri("/login").retrieve().toEntity(String.class);
		assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(login.getBody()).contains("name=\"_csrf\"");

		var forged = browser.post().uri("/login").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body("username=admin&password=" + StaffApi.ADMIN_PASSWORD).retrieve().toBodilessEntity();
		assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

		var console = browser.get().uri("/").accept(MediaType.TEXT_HTML).retrieve().toBodilessEntity();
		assertThat(console.getStatusCode()).as("a browser is sent to the sign-in form").isEqualTo(HttpStatus.FOUND);
		assertThat(console.getHeaders().getLocation().getPath()).isEqualTo("/login");
	}

	/**
	 * A browser is never asked for Basic credentials on the API (it would cache them for forged cross-site posts
	 * to ride on): 401 without a challenge; a script is still challenged.
	 */
	@Test
	void theApiChallengesScriptsButNeverABrowser() {
		var fromABrowser = StaffApi.anonymous(port).get().uri("/api/clients").header("Sec-Fetch-Mode", "navigate")
			.header("Sec-Fetch-Site", "cross-site").retrieve().toBodilessEntity();
		assertThat(fromABrowser.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(fromABrowser.getHeaders().get("WWW-Authenticate")).as("no Basic prompt for a browser").isNull();

		var fromAScript = StaffApi.anonymous(port).get().uri("/api/clients").retrieve().toBodilessEntity();
		assertThat(fromAScript.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(fromAScript.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
	}

	private String newStaff(String role) {
		String username = "staff-" + UUID.randomUUID().toString().substring(0, 8);
		var created = StaffApi.admin(port).post().uri("/api/staff").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", username, "password", "a long enough password", "role", role)).retrieve()
			.toBodilessEntity();
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return username;
	}

	private RestClient as(String username, String password) {
		return RestClient.builder().baseUrl("http://localhost:" + port)
			.defaultHeaders(headers -> headers.setBasicAuth(username, password))
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}
}
