package app.lantern.notifier.channels;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import app.lantern.events.ContactChannel;
import app.lantern.notifier.delivery.Channel;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Say;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;

/**
 * A phone call through Twilio's Calls API, for the staff member on call when a crisis goes unacknowledged: the
 * short message is spoken, and pressing 1 acknowledges the alert — Twilio posts the key to checkin-service's
 * {@code /twilio/voice?d=<delivery>}. As for SMS, neither the SDK nor its HTTP client retries by itself.
 */
public class TwilioVoice implements Channel {

	private final TwilioRestClient client;

	private final PhoneNumber from;

	private final String keypressBase;

	public TwilioVoice(String accountSid, String authToken, String from, String apiBaseUrl, String publicBaseUrl,
			int connections, Duration timeout) {
		this.client = new TwilioRestClient.Builder(accountSid, authToken)
			.httpClient(TwilioHttp.client(apiBaseUrl, connections, timeout))
			.build();
		this.from = new PhoneNumber(from);
		this.keypressBase = publicBaseUrl + "/twilio/voice?d=";
	}

	@Override
	public ContactChannel kind() {
		return ContactChannel.VOICE;
	}

	@Override
	public void send(UUID deliveryId, String address, String subject, String body) throws SendException {
		try {
			Call.creator(new PhoneNumber(address), from, twiml(deliveryId, body)).create(client);
		}
		catch (ApiConnectionException ex) {
			if (TwilioSms.readTimeOut(ex)) {
				throw new SendException("Twilio did not answer in time", false, ex).maybeTakenByTheChannel();
			}
			throw new SendException("Twilio could not be reached", false, ex);
		}
		catch (ApiException ex) {
			throw TwilioSms.refused(ex);
		}
	}

	/** The message, said twice while a key may be pressed; 1 acknowledges (checkin-service hears it). */
	Twiml twiml(UUID deliveryId, String message) {
		Gather keypress = new Gather.Builder().numDigits(1).timeout(10).method(HttpMethod.POST)
			.action(URI.create(keypressBase + deliveryId))
			.say(new Say.Builder(message).build())
			.say(new Say.Builder(message).build())
			.build();
		return new Twiml(new VoiceResponse.Builder().gather(keypress)
			.say(new Say.Builder("No key was pressed. The alert is still open in the Lantern console.").build())
			.build()
			.toXml());
	}
}
