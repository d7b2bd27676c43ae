package app.lantern.system;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * An inbound SMS as Twilio sends it to checkin-service's webhook at {@code baseUrl}, signed with the auth token for
 * the service's public base URL ({@code signedBaseUrl}: what Twilio was told, which the service checks against);
 * returns the TwiML.
 */
final class SignedSms {

	private SignedSms() {
	}

	static String send(String baseUrl, String authToken, String from, String body) throws Exception {
		return send(baseUrl, baseUrl, authToken, from, body);
	}

	static String send(String baseUrl, String signedBaseUrl, String authToken, String from, String body)
			throws Exception {
		String url = baseUrl + "/twilio/sms";
		Map<String, String> form = new TreeMap<>(Map.of("From", from, "To", "+12025550100", "Body", body,
				"MessageSid", "SM" + UUID.randomUUID().toString().replace("-", "")));
		StringBuilder signed = new StringBuilder(signedBaseUrl + "/twilio/sms");
		form.forEach((name, value) -> signed.append(name).append(value));
		Mac mac = Mac.getInstance("HmacSHA1");
		mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
		String signature = Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
		var fields = new LinkedMultiValueMap<String, String>();
		form.forEach(fields::add);
		return RestClient.builder().defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
		}).build().post().uri(url).header("X-Twilio-Signature", signature)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(fields).retrieve().body(String.class);
	}
}
