package app.lantern.checkin.sms;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import app.lantern.checkin.CheckinProperties;
import com.twilio.security.RequestValidator;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Checks {@code X-Twilio-Signature} with the Twilio SDK's validator, against the URL as Twilio called it
 * ({@code LANTERN_PUBLIC_BASE_URL} + path and query, so it holds behind a proxy). Without an auth token the
 * service does not start, unless it is the local sandbox, where nothing is genuine.
 */
@Component
class TwilioSignature {

	private static final Logger log = LoggerFactory.getLogger(TwilioSignature.class);

	static final String HEADER = "X-Twilio-Signature";

	/**
	 * The form fields Twilio posts to an SMS, status or voice webhook (its documented parameters, media numbered 0
	 * to 9); {@code d} is Lantern's own, in the query.
	 */
	private static final Pattern TWILIO_FIELDS = Pattern.compile("(?:MessageSid|SmsSid|SmsMessageSid|AccountSid"
			+ "|MessagingServiceSid|From|To|Body|NumMedia|NumSegments|SmsStatus|MessageStatus|ErrorCode|ErrorMessage"
			+ "|ApiVersion|OptOutType|ReferralNumMedia|RawDlrDoneDate|ChannelInstallSid|ChannelStatusMessage"
			+ "|ChannelPrefix|ChannelToAddress|EventType|ProfileName|WaId|Forwarded|FrequentlyForwarded|ButtonText"
			+ "|ButtonPayload|(?:From|To|Called|Caller)(?:City|State|Zip|Country)|MediaUrl[0-9]|MediaContentType[0-9]"
			+ "|CallSid|CallStatus|Direction|Digits|FinishedOnKey|Called|Caller|CallerName|ForwardedFrom"
			+ "|ParentCallSid|CallToken|StirVerstat|msg|d)");

	private final CheckinProperties properties;

	private final RequestValidator validator;

	TwilioSignature(CheckinProperties properties) {
		this.properties = properties;
		String token = properties.twilio().authToken();
		if ((token == null || token.isBlank()) && !properties.sandbox()) {
			throw new IllegalStateException("LANTERN_TWILIO_AUTH_TOKEN is not set: checkin-service would refuse every "
					+ "Twilio webhook (a client's SMS, a delivery receipt) while it looked healthy. Set it, or set "
					+ "LANTERN_SANDBOX=true for a local sandbox without Twilio.");
		}
		this.validator = token == null || token.isBlank() ? null : new RequestValidator(token);
	}

	boolean isGenuine(HttpServletRequest request) {
		String signature = request.getHeader(HEADER);
		if (validator == null || signature == null || signature.isBlank()) {
			return false;
		}
		String url = properties.publicBaseUrl() + request.getRequestURI()
				+ (request.getQueryString() == null ? "" : "?" + request.getQueryString());
		// Twilio signs the URL with its query, then the POSTed form fields: leave the query's names out
		var inQuery = request.getQueryString() == null ? Set.<String>of()
				: UriComponentsBuilder.fromUriString("?" + request.getQueryString()).build().getQueryParams().keySet();
		Map<String, String> form = new HashMap<>();
		for (var field : request.getParameterMap().entrySet()) {
			String[] values = field.getValue();
			if (values.length > 1) {
				// Twilio never repeats a field; a repeated one is a signed request with fields added to it. The
				// validator reads one value a field, so the handler must never see more than that one.
				log.warn("Twilio webhook refused: the field {} is repeated", field.getKey());
				return false;
			}
			if (!inQuery.contains(field.getKey())) {
				if (!TWILIO_FIELDS.matcher(field.getKey()).matches()) {
					// a name Twilio never sends: Twilio's signature runs names and values together, so a captured
					// request re-cut at other boundaries (a value moved into a new name) would still verify
					log.warn("Twilio webhook refused: a field Twilio does not send");
					return false;
				}
				form.put(field.getKey(), values.length == 0 ? "" : values[0]);
			}
		}
		return validator.validate(url, form, signature);
	}
}
