package app.lantern.checkin.sms;

import java.util.Map;
import java.util.TreeMap;

import app.lantern.testsupport.SignedSms;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/** Inbound webhooks as Twilio sends them, signed the way Twilio documents (HMAC-SHA1 of URL and sorted params). */
public final class TwilioRequests {

	public static final String AUTH_TOKEN = "test-twilio-token";

	private final RestClient http;

	public TwilioRequests(int port) {
		this.http = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	public ResponseEntity<String> sms(String from, String body, String messageSid) {
		Map<String, String> form = new TreeMap<>(Map.of("From", from, "To", "+12025550100", "Body", body, "MessageSid",
				messageSid, "AccountSid", "AC00000000000000000000000000000001", "NumMedia", "0"));
		return post("/twilio/sms", form, sign("http://localhost:8080/twilio/sms", form, AUTH_TOKEN));
	}

	public ResponseEntity<String> post(String path, Map<String, String> form, String signature) {
		var body = new LinkedMultiValueMap<String, String>();
		form.forEach(body::add);
		return post(path, body, signature);
	}

	/** A form as it is, repeated fields and all. */
	public ResponseEntity<String> post(String path, LinkedMultiValueMap<String, String> body, String signature) {
		var request = http.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(body);
		if (signature != null) {
			request = request.header("X-Twilio-Signature", signature);
		}
		return request.retrieve().toEntity(String.class);
	}

	/** A MessageSid as Twilio makes them: SM and 32 hexadecimal digits. */
	public static String sid() {
		return "SM" + java.util.UUID.randomUUID().toString().replace("-", "");
	}

	public static String sign(String url, Map<String, String> form, String token) {
		return SignedSms.signature(url, form, token);
	}
}
