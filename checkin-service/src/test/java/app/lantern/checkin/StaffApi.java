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
