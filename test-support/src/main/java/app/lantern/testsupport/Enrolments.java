package app.lantern.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Clients and their support network set up through the staff API as a case manager would: each step one request,
 * and a refusal fails the test at once (the API's problem names the field). {@code api} is a signed-in staff
 * member's client of checkin-service.
 */
public final class Enrolments {

	private Enrolments() {
	}

	/** A client and their sponsor: consented to the alert types asked for, and opted in to SMS. */
	public record Sponsored(String clientId, String sponsorId, String sponsorPhone, String consentId) {
	}

	/**
	 * An enrolment body: {@code America/New_York}, due at 09:00 and 21:00 with the default grace and reminder, a
	 * craving threshold of 8 and a two-step coping plan — with {@code changes} in place of any of these (a
	 * {@code schedule}, a {@code timezone}, a {@code language}, a {@code programme}).
	 */
	public static Map<String, Object> client(String name, String phone, Map<String, ?> changes) {
		Map<String, Object> body = new HashMap<>(Map.of("displayName", name, "phone", phone, "timezone",
				"America/New_York", "schedule", Map.of("dueTimes", List.of("09:00", "21:00")), "cravingThreshold", 8,
				"copingPlan", List.of("Call Sam", "Walk round the block")));
		body.putAll(changes);
		return body;
	}

	public static Map<String, Object> client(String name, String phone) {
		return client(name, phone, Map.of());
	}

	/** One due time, no reminder before it, the grace given, and the ladder's nudges (none when false and 0). */
	public static Map<String, Object> schedule(String dueTime, int graceMinutes, boolean nudgeAtDue,
			int nudgeMinutesAfter) {
		return Map.of("dueTimes", List.of(dueTime), "graceMinutes", graceMinutes, "reminderMinutesBefore", 0,
				"nudgeAtDue", nudgeAtDue, "nudgeMinutesAfter", nudgeMinutesAfter);
	}

	/** Enrols the client; answers their id. */
	public static String enrol(RestClient api, Map<String, Object> client) {
		return id(api.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON).body(client));
	}

	/** A sponsor of tier 1 who is texted; answers the contact's id. */
	public static String addSponsor(RestClient api, String clientId, String name, String phone) {
		return addContact(api, clientId, Map.of("name", name, "role", "SPONSOR", "phone", phone, "channels",
				List.of("SMS"), "tier", 1));
	}

	public static String addContact(RestClient api, String clientId, Map<String, ?> contact) {
		return id(api.post().uri("/api/clients/{id}/contacts", clientId).contentType(MediaType.APPLICATION_JSON)
			.body(contact));
	}

	/** The client's consent to tell the contact of these alert types, until 2099; answers the consent's id. */
	public static String consent(RestClient api, String clientId, String contactId, String... alertTypes) {
		return id(api.post().uri("/api/clients/{id}/contacts/{c}/consents", clientId, contactId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("alertTypes", List.of(alertTypes), "purpose", "support in recovery", "expiresOn",
					"2099-12-31")));
	}

	/** The contact's own yes to a channel, recorded by staff (as when given in person). */
	public static void optIn(RestClient api, String clientId, String contactId, String channel) {
		api.post().uri("/api/clients/{id}/contacts/{c}/opt-in", clientId, contactId)
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("channel", channel)).retrieve().toBodilessEntity();
	}

	/** Enrols the client with a sponsor ("Sam") consented to {@code alertTypes} and opted in to SMS. */
	public static Sponsored withSponsor(RestClient api, Map<String, Object> client, String sponsorPhone,
			String... alertTypes) {
		String clientId = enrol(api, client);
		return sponsor(api, clientId, sponsorPhone, alertTypes);
	}

	/** A sponsor ("Sam") for an enrolled client, consented to {@code alertTypes} and opted in to SMS. */
	public static Sponsored sponsor(RestClient api, String clientId, String sponsorPhone, String... alertTypes) {
		String sponsorId = addSponsor(api, clientId, "Sam", sponsorPhone);
		String consentId = consent(api, clientId, sponsorId, alertTypes);
		optIn(api, clientId, sponsorId, "SMS");
		return new Sponsored(clientId, sponsorId, sponsorPhone, consentId);
	}

	private static String id(RestClient.RequestBodySpec request) {
		Map<?, ?> created = request.retrieve().body(Map.class);
		if (created == null || created.get("id") == null) {
			throw new IllegalStateException("the API created nothing: " + created);
		}
		return (String) created.get("id");
	}
}
