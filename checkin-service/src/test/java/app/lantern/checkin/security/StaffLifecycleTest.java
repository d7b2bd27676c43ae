package app.lantern.checkin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.testsupport.ConsoleBrowser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Staff accounts an ADMIN can run: disabled, a user's open console session and their API sign-in are refused at
 * their next request; a reset hands over a one-time password that allows nothing but choosing one's own; staff change
 * their own password; each step is in the audit trail.
 */
@CheckinServiceTest
class StaffLifecycleTest {

	@LocalServerPort
	int port;

	@Test
	void aDisabledUsersOpenSessionAndApiSignInAreRefusedAtTheirNextRequest() {
		RestClient admin = StaffApi.admin(port);
		String leaver = StaffApi.newStaff(port, List.of("default"));
		ConsoleBrowser console = ConsoleBrowser.signedIn(port, leaver, StaffApi.STAFF_PASSWORD);
		RestClient api = StaffApi.as(port, leaver, StaffApi.STAFF_PASSWORD);
		assertThat(console.get("/alerts").statusCode()).isEqualTo(200);
		assertThat(api.get().uri("/api/alerts").retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);

		assertThat(admin.post().uri("/api/staff/{u}/disable", leaver).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);

		assertThat(console.get("/alerts").statusCode()).as("the open session has ended").isIn(302, 401);
		assertThat(api.get().uri("/api/alerts").retrieve().toBodilessEntity().getStatusCode())
			.as("the remembered sign-in too").isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(ConsoleBrowser.signedIn(port, leaver, StaffApi.STAFF_PASSWORD).get("/alerts").statusCode())
			.as("and no new one").isIn(302, 401);
		assertThat(audit(admin, leaver)).contains("STAFF_DISABLED");

		admin.post().uri("/api/staff/{u}/enable", leaver).retrieve().toBodilessEntity();
		assertThat(api.get().uri("/api/alerts").retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(audit(admin, leaver)).contains("STAFF_ENABLED");
	}

	/** The alert queue's live stream ends with the session of a user who is disabled (on every instance). */
	@Test
	void aDisabledUsersOpenAlertStreamEnds() throws Exception {
		String leaver = StaffApi.newStaff(port, List.of("default"));
		ConsoleBrowser console = ConsoleBrowser.signedIn(port, leaver, StaffApi.STAFF_PASSWORD);
		var stream = console.stream("/alerts/stream");
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !stream.isDone());

		StaffApi.admin(port).post().uri("/api/staff/{u}/disable", leaver).retrieve().toBodilessEntity();

		await().atMost(Duration.ofSeconds(20)).until(stream::isDone);
	}

	@Test
	void aResetPasswordAllowsNothingButChoosingOnesOwn() {
		RestClient admin = StaffApi.admin(port);
		String forgetful = StaffApi.newStaff(port, List.of("default"));

		Map<?, ?> reset = admin.post().uri("/api/staff/{u}/password-reset", forgetful).retrieve().body(Map.class);
		String oneTime = (String) reset.get("oneTimePassword");

		assertThat(StaffApi.as(port, forgetful, StaffApi.STAFF_PASSWORD).get().uri("/api/alerts").retrieve()
			.toBodilessEntity().getStatusCode()).as("the old password is gone").isEqualTo(HttpStatus.UNAUTHORIZED);
		RestClient withOneTime = StaffApi.as(port, forgetful, oneTime);
		var refused = withOneTime.get().uri("/api/alerts").retrieve().toEntity(String.class);
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(refused.getBody()).contains("PUT /api/me/password");
		assertThat(ConsoleBrowser.signedIn(port, forgetful, oneTime).get("/alerts").headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).endsWith("/account/password"));

		var weak = withOneTime.put().uri("/api/me/password").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("currentPassword", oneTime, "newPassword", "short")).retrieve().toEntity(String.class);
		assertThat(weak.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(weak.getBody()).contains("newPassword");
		assertThat(withOneTime.put().uri("/api/me/password").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("currentPassword", oneTime, "newPassword", "my very own passphrase")).retrieve()
			.toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		assertThat(StaffApi.as(port, forgetful, "my very own passphrase").get().uri("/api/alerts").retrieve()
			.toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(withOneTime.get().uri("/api/alerts").retrieve().toBodilessEntity().getStatusCode())
			.as("the one-time password, once used up").isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(audit(admin, forgetful)).contains("STAFF_PASSWORD_RESET", "STAFF_PASSWORD_CHANGED")
			.doesNotContain(oneTime);
	}

	@Test
	void staffChangeTheirOwnPasswordInTheConsoleWithTheCurrentOne() {
		String staff = StaffApi.newStaff(port, List.of("default"));
		ConsoleBrowser console = ConsoleBrowser.signedIn(port, staff, StaffApi.STAFF_PASSWORD);

		var wrong = console.postFrom("/account/password", "/account/password",
				"currentPassword=not+it&newPassword=" + ConsoleBrowser.encode("another long passphrase"));
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("is not your current password");

		var changed = console.postFrom("/account/password", "/account/password", "currentPassword="
				+ ConsoleBrowser.encode(StaffApi.STAFF_PASSWORD) + "&newPassword=" + ConsoleBrowser.encode("another long passphrase"));
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(changed.body()).contains("Your password is changed");
		assertThat(console.get("/alerts").statusCode()).as("this session goes on").isEqualTo(200);
		assertThat(StaffApi.as(port, staff, "another long passphrase").get().uri("/api/alerts").retrieve()
			.toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	/** The actions of the audit trail's recent lines about this staff user. */
	@SuppressWarnings("unchecked")
	private static String audit(RestClient admin, String username) {
		List<Map<String, Object>> lines = admin.get().uri("/api/audit?limit=500").retrieve().body(List.class);
		return String.join(" ", lines.stream().filter(line -> ("staff " + username).equals(line.get("subject")))
			.map(line -> line.get("action") + ":" + line.get("detail")).toList());
	}
}
