package app.lantern.checkin.sms;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

import app.lantern.checkin.alerts.AlertActions;
import app.lantern.events.SmsStatus;
import app.lantern.events.Topics;
import app.lantern.platform.outbox.Outbox;
import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.messaging.Message;
import com.twilio.twiml.voice.Say;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's webhooks, the only public entries besides the check-in page: an inbound SMS, an SMS's delivery receipt,
 * and the key pressed in a call to the staff member on call. Each is checked against its
 * {@code X-Twilio-Signature} first: a forged or unsigned request gets 403 and changes nothing.
 */
@RestController
class TwilioWebhooks {

	private static final Duration CALL_KNOWN_WITHIN = Duration.ofSeconds(5);

	private static final Duration CALL_POLL = Duration.ofMillis(200);

	/** A message's id as Twilio makes it: SM (or MM, with media) and 32 hexadecimal digits. */
	private static final Pattern MESSAGE_SID = Pattern.compile("(?:SM|MM)[0-9a-f]{32}");

	private static final int FROM_MAX = 64;

	private final TwilioSignature signature;

	private final SmsInbox inbox;

	private final Outbox outbox;

	private final AlertActions alerts;

	private final Clock clock;

	TwilioWebhooks(TwilioSignature signature, SmsInbox inbox, Outbox outbox, AlertActions alerts, Clock clock) {
		this.signature = signature;
		this.inbox = inbox;
		this.outbox = outbox;
		this.alerts = alerts;
		this.clock = clock;
	}

	@PostMapping(path = "/twilio/sms", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.APPLICATION_XML_VALUE)
	ResponseEntity<String> sms(HttpServletRequest request, @RequestParam(name = "From", required = false) String from,
			@RequestParam(name = "Body", required = false) String body,
			@RequestParam(name = "MessageSid", required = false) String messageSid) {
		if (!signature.isGenuine(request)) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN).body("Forbidden");
		}
		if (from == null || from.isBlank() || messageSid == null || messageSid.isBlank()) {
			return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body("From and MessageSid are required");
		}
		if (!MESSAGE_SID.matcher(messageSid).matches() || from.length() > FROM_MAX) {
			// Twilio's MessageSid is SM or MM and 32 hexadecimal digits, a number at most a few dozen characters
			return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN)
				.body("MessageSid is not Twilio's, or From is too long");
		}
		String reply = inbox.receive(from.trim(), body, messageSid.trim());
		// UTF-8 said in the header too, as the TwiML says it: a reply in Spanish (or with an emoji) arrives as written
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.APPLICATION_XML, StandardCharsets.UTF_8))
			.body(new MessagingResponse.Builder().message(new Message.Builder(reply).build()).build().toXml());
	}

	/** Twilio's delivery receipt for an SMS the notifier sent, passed on keyed by the delivery id. */
	@PostMapping(path = "/twilio/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@Transactional
	public ResponseEntity<Void> status(HttpServletRequest request, @RequestParam(name = "d", required = false) String delivery,
			@RequestParam(name = "MessageSid", required = false) String messageSid,
			@RequestParam(name = "MessageStatus", required = false) String status,
			@RequestParam(name = "ErrorCode", required = false) String errorCode) {
		if (!signature.isGenuine(request)) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
		}
		UUID deliveryId;
		try {
			deliveryId = UUID.fromString(delivery);
		}
		catch (RuntimeException ex) {
			return ResponseEntity.badRequest().build();
		}
		if (messageSid == null || !MESSAGE_SID.matcher(messageSid).matches() || status == null || status.isBlank()
				|| status.length() > FROM_MAX || (errorCode != null && errorCode.length() > FROM_MAX)) {
			return ResponseEntity.badRequest().build();
		}
		outbox.append(Topics.SMS_STATUS, new SmsStatus(UUID.randomUUID(), clock.instant(), SmsStatus.SCHEMA_VERSION,
				deliveryId, messageSid, status, errorCode == null || errorCode.isBlank() ? null : errorCode));
		return ResponseEntity.noContent().build();
	}

	/**
	 * The key the staff member pressed in the call about an unacknowledged crisis ({@code d}: the call's delivery):
	 * 1 acknowledges the alert as theirs, as the console's button or their {@code OK} would. Answered with what to
	 * say next.
	 */
	@PostMapping(path = "/twilio/voice", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.APPLICATION_XML_VALUE)
	ResponseEntity<String> voice(HttpServletRequest request, @RequestParam(name = "d", required = false) String delivery,
			@RequestParam(name = "Digits", required = false) String digits) {
		if (!signature.isGenuine(request)) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN).body("Forbidden");
		}
		UUID deliveryId;
		try {
			deliveryId = UUID.fromString(delivery);
		}
		catch (RuntimeException ex) {
			return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body("d must be a delivery id");
		}
		boolean acknowledged = "1".equals(digits == null ? null : digits.trim()) && acknowledged(deliveryId);
		String said = acknowledged ? "Acknowledged. Thank you. Open the Lantern console to see who it is."
				: "Nothing was acknowledged. The alert is still open in the Lantern console.";
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.APPLICATION_XML, StandardCharsets.UTF_8))
			.body(new VoiceResponse.Builder().say(new Say.Builder(said).build()).build().toXml());
	}

	/**
	 * The call's acknowledgement; a key pressed in the first seconds may come before the notifier's word of the call
	 * reached the disclosure log, so it waits for that a little (Twilio waits 15 s for the answer).
	 */
	private boolean acknowledged(UUID deliveryId) {
		long deadline = System.nanoTime() + CALL_KNOWN_WITHIN.toNanos();
		while (true) {
			if (alerts.acknowledgedByCall(deliveryId)) {
				return true;
			}
			if (alerts.deliveryKnown(deliveryId) || System.nanoTime() > deadline) {
				return false;
			}
			try {
				Thread.sleep(CALL_POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
	}
}
