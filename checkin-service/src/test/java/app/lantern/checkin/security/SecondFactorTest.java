package app.lantern.checkin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.InvalidKeyException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.testsupport.ConsoleBrowser;
import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * A second factor for staff: an authenticator app's code after the password, at the console (each code signs in
 * once) and through the API (the code with every call); a programme that requires one sends its staff to set one
 * up before anything else; an administrator clears a lost one. The passkey's own ceremony is in the browser
 * (system-tests' {@code PasskeyInABrowserTest}).
 */
@CheckinServiceTest
class SecondFactorTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void afterThePasswordTheConsoleAsksForTheAppsCodeAndEachCodeSignsInOnce() {
		String staff = StaffApi.newStaff(port, List.of("default"));
		String key = setUpApp(StaffApi.as(port, staff, StaffApi.STAFF_PASSWORD), staff);

		ConsoleBrowser console = ConsoleBrowser.signedIn(port, staff, StaffApi.STAFF_PASSWORD);
		assertThat(console.get("/alerts").headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/login/second-factor"));
		assertThat(console.get("/api/clients").statusCode()).as("the API by the half-signed-in session")
			.isNotEqualTo(200);
		var wrong = console.postFrom("/login/second-factor", "/login/second-factor", "code=000000");
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("That code did not match");
		String next = code(key, Instant.now().plusSeconds(30));
		var right = console.postFrom("/login/second-factor", "/login/second-factor", "code=" + next);
		assertThat(right.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith(":" + port + "/"));
		assertThat(console.get("/alerts").statusCode()).isEqualTo(200);

		ConsoleBrowser again = ConsoleBrowser.signedIn(port, staff, StaffApi.STAFF_PASSWORD);
		assertThat(again.postFrom("/login/second-factor", "/login/second-factor", "code=" + next).statusCode())
			.as("a code signs in once").isEqualTo(400);
		assertThat(again.get("/alerts").headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/login/second-factor"));
		assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and action = 'SIGNED_IN_SECOND_FACTOR'")
			.param(staff).query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void theApiTakesTheCodeWithEveryCallAndAWrongOneIsAFailedSignIn() {
		String staff = StaffApi.newStaff(port, List.of("default"));
		String key = setUpApp(StaffApi.as(port, staff, StaffApi.STAFF_PASSWORD), staff);
		RestClient password = StaffApi.as(port, staff, StaffApi.STAFF_PASSWORD);

		var without = password.get().uri("/api/clients").retrieve().toEntity(String.class);
		assertThat(without.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(without.getBody()).contains("Lantern-One-Time-Code");
		String now = code(key, Instant.now());
		assertThat(password.get().uri("/api/clients").header("Lantern-One-Time-Code", now).retrieve()
			.toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(password.get().uri("/api/clients").header("Lantern-One-Time-Code", now).retrieve()
			.toBodilessEntity().getStatusCode()).as("the same code serves each call of its 30 seconds")
			.isEqualTo(HttpStatus.OK);
		String wrong = now.equals("123456") ? "654321" : "123456";
		assertThat(password.get().uri("/api/clients").header("Lantern-One-Time-Code", wrong).retrieve()
			.toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and action = 'SIGN_IN_FAILED'")
			.param(staff).query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void aProgrammeThatRequiresASecondFactorSendsItsStaffToSetOneUpFirst() {
		String programme = StaffApi.newProgramme(port, "Strict");
		RestClient admin = StaffApi.admin(port);
		assertThat(admin.put().uri("/api/programmes/{id}", programme).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Strict", "timezone", "America/Chicago", "secondFactorRequired", true)).retrieve()
			.body(Map.class)).containsEntry("secondFactorRequired", true);
		String staff = StaffApi.newStaff(port, List.of(programme));
		RestClient password = StaffApi.as(port, staff, StaffApi.STAFF_PASSWORD);

		var refused = password.get().uri("/api/clients").retrieve().toEntity(String.class);
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(refused.getBody()).contains("requires a second factor");
		ConsoleBrowser console = ConsoleBrowser.signedIn(port, staff, StaffApi.STAFF_PASSWORD);
		assertThat(console.get("/").headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/account/security"));
		assertThat(console.get("/account/security").body()).contains("Your programme", "requires a second factor");

		String key = setUpApp(password, staff);
		assertThat(password.get().uri("/api/clients").header("Lantern-One-Time-Code", code(key, Instant.now()))
			.retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void anAdministratorClearsALostSecondFactorAndEndsTheSessions() {
		String staff = StaffApi.newStaff(port, List.of("default"));
		String key = setUpApp(StaffApi.as(port, staff, StaffApi.STAFF_PASSWORD), staff);
		ConsoleBrowser console = ConsoleBrowser.signedIn(port, staff, StaffApi.STAFF_PASSWORD);
		console.postFrom("/login/second-factor", "/login/second-factor", "code=" + code(key, Instant.now().plusSeconds(30)));
		assertThat(console.get("/alerts").statusCode()).isEqualTo(200);

		assertThat(StaffApi.admin(port).delete().uri("/api/staff/{u}/second-factors", staff).retrieve()
			.toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		assertThat(console.get("/alerts").statusCode()).as("the session ended").isNotEqualTo(200);
		assertThat(StaffApi.as(port, staff, StaffApi.STAFF_PASSWORD).get().uri("/api/clients").retrieve()
			.toBodilessEntity().getStatusCode()).as("no second factor any more: the password alone")
			.isEqualTo(HttpStatus.OK);
		assertThat(jdbc.sql("select count(*) from audit_event where subject = ? and action = 'SECOND_FACTORS_RESET'")
			.param("staff " + staff).query(Integer.class).single()).isEqualTo(1);
	}

	/** Sets up an authenticator app for {@code staff} through the API, as its owner; answers the app's key. */
	private static String setUpApp(RestClient owner, String staff) {
		var started = owner.post().uri("/api/me/second-factor/codes").retrieve().toEntity(Map.class);
		assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String key = (String) started.getBody().get("key");
		assertThat((String) started.getBody().get("uri")).startsWith("otpauth://totp/Lantern%3A" + staff + "?secret=" + key);
		assertThat(owner.post().uri("/api/me/second-factor/codes/confirm").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("code", "999999x")).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(owner.post().uri("/api/me/second-factor/codes/confirm").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("code", code(key, Instant.now()))).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		return key;
	}

	/** What an authenticator app with this key shows at {@code at}. */
	static String code(String key, Instant at) {
		try {
			return String.format(Locale.ROOT, "%06d", new TimeBasedOneTimePasswordGenerator().generateOneTimePassword(
					new SecretKeySpec(new Base32().decode(key), "HmacSHA1"), at));
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
