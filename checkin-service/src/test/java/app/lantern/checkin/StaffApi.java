package app.lantern.checkin;

import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The API as a signed-in staff member uses it, for tests; errors are returned, not thrown, and redirects are
 * not followed (the JDK client, whatever else is on the classpath).
 */
public final class StaffApi {

	public static final String ADMIN_PASSWORD = "test-admin-password";

	private StaffApi() {
	}

	public static RestClient admin(int port) {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://localhost:" + port)
			.defaultHeaders(headers -> headers.setBasicAuth("admin", ADMIN_PASSWORD))
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}

	/** The password every staff user made by {@link #newStaff} has. */
	public static final String STAFF_PASSWORD = "a long enough password";

	public static RestClient as(int port, String username, String password) {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://localhost:" + port)
			.defaultHeaders(headers -> headers.setBasicAuth(username, password))
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}

	/** A new STAFF user of these programmes, made by the admin; answers their name. */
	public static String newStaff(int port, List<String> programmes) {
		String username = "staff-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		var created = admin(port).post().uri("/api/staff").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", username, "password", STAFF_PASSWORD, "role", "STAFF", "programmes", programmes))
			.retrieve().toBodilessEntity();
		if (!created.getStatusCode().is2xxSuccessful()) {
			throw new IllegalStateException("staff user not created: " + created.getStatusCode());
		}
		return username;
	}

	/** A programme of its own for a test (made by the admin); answers its id. */
	public static String newProgramme(int port, String name) {
		String id = "p-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		var created = admin(port).post().uri("/api/programmes").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("id", id, "name", name, "timezone", "America/Chicago", "defaultRegion", "US"))
			.retrieve().toBodilessEntity();
		if (!created.getStatusCode().is2xxSuccessful()) {
			throw new IllegalStateException("programme not created: " + created.getStatusCode());
		}
		return id;
	}

	public static RestClient anonymous(int port) {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();
	}

	public static Map<String, Object> enrolment(String name, String phone) {
		return Map.of("displayName", name, "phone", phone, "timezone", "America/New_York", "schedule",
				Map.of("dueTimes", List.of("09:00", "21:00"), "graceMinutes", 60, "reminderMinutesBefore", 30),
				"cravingThreshold", 8, "copingPlan", List.of("Call my sponsor"));
	}

	@SuppressWarnings("unchecked")
	public static String enrol(RestClient api, String name, String phone) {
		Map<String, Object> body = api.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(enrolment(name, phone)).retrieve().body(Map.class);
		return (String) body.get("id");
	}
}
