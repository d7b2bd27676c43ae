package app.lantern.testsupport;

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
 * Inbound SMS (and a call's keypress) as Twilio sends them to checkin-service's webhook, signed the way Twilio documents: HMAC-SHA1, with
 * the auth token, of the URL Twilio was told (the service's public base URL) followed by each parameter's name and
 * value in name order.
 */
public final class SignedSms {

	/** The service's number, the {@code To} of every inbound SMS. */
	public static final String LANTERN_NUMBER = "+12025550100";

	private SignedSms() {
	}

	/** Texts {@code body} from {@code from} to the service at {@code baseUrl}, signed for that same URL; the TwiML. */
	public static String send(String baseUrl, String authToken, String from, String body) {
		return send(baseUrl, baseUrl, authToken, from, body);
	}

	/** As {@link #send(String, String, String, String)}, signed for {@code signedBaseUrl} (the public URL). */
	public static String send(String baseUrl, String signedBaseUrl, String authToken, String from, String body) {
		Map<String, String> form = Map.of("From", from, "To", LANTERN_NUMBER, "Body", body, "MessageSid",
				"SM" + UUID.randomUUID().toString().replace("-", ""));
		return post(baseUrl, signedBaseUrl, authToken, "/twilio/sms", form);
	}

	/**
	 * The key {@code digits} pressed in a call, as Twilio posts it to the call's {@code <Gather action>}: {@code
	 * keypressUrl} is that action (the public URL, with its query), sent to the service at {@code baseUrl}.
	 */
	public static String keypress(String baseUrl, String signedBaseUrl, String authToken, String keypressUrl,
			String digits) {
		if (!keypressUrl.startsWith(signedBaseUrl)) {
			throw new IllegalArgumentException(keypressUrl + " is not under " + signedBaseUrl);
		}
		Map<String, String> form = Map.of("Digits", digits, "CallSid", "CA" + UUID.randomUUID().toString().replace("-", ""));
		return post(baseUrl, signedBaseUrl, authToken, keypressUrl.substring(signedBaseUrl.length()), form);
	}

	/** {@code form} posted to {@code pathAndQuery} of the service, signed for the same path under the public URL. */
	private static String post(String baseUrl, String signedBaseUrl, String authToken, String pathAndQuery,
			Map<String, String> form) {
		var fields = new LinkedMultiValueMap<String, String>();
		form.forEach(fields::add);
		return RestClient.builder().defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
		}).build().post().uri(baseUrl + pathAndQuery)
			.header("X-Twilio-Signature", signature(signedBaseUrl + pathAndQuery, form, authToken))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(fields).retrieve().body(String.class);
	}

	/** The {@code X-Twilio-Signature} Twilio sends for a form posted to {@code url}. */
	public static String signature(String url, Map<String, String> form, String authToken) {
		StringBuilder data = new StringBuilder(url);
		new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}
}
