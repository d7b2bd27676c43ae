package app.lantern.checkin.sms;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

	public static String sign(String url, Map<String, String> form, String token) {
		StringBuilder data = new StringBuilder(url);
		new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}
}
