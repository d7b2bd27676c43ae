package app.lantern.notifier.delivery.listeners;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import app.lantern.events.ClientMessage;
import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.DeliveryEvent;
import app.lantern.events.DeliveryKind;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.notifier.delivery.Claim;
import app.lantern.notifier.delivery.DeliveryPipeline;
import app.lantern.notifier.delivery.Intent;
import app.lantern.notifier.profiles.ProfileView;
import app.lantern.platform.FailureKind;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Messages to clients themselves, by SMS: reminders to check in and of their appointments (unless their number
 * texted STOP or they are no longer active) and the welcome with their check-in link. A reminder to a client who
 * allowed notifications goes to their browser first, and by SMS only when no push service took it. A welcome may come a moment before the profile that
 * introduces the client: it waits for it, as an invitation does.
 */
@Component
class ClientReminders {

	private final ProfileView profiles;

	/**
	 * The new client's profile, waiting for it briefly: it was committed with the welcome but travels on another topic
	 * to another consumer, so it usually lands milliseconds after. Waiting here (at most {@link #PROFILE_LANDS})
	 * keeps the messages behind the welcome on its partition from waiting out a retry's back-off, which at a mass
	 * enrolment would hold every reminder on the partition behind the welcomes.
	 */
	private ClientProfile profileSoon(String clientId) {
		long giveUp = System.nanoTime() + PROFILE_LANDS.toNanos();
		ClientProfile profile = profiles.find(clientId).orElse(null);
		while (profile == null && System.nanoTime() < giveUp) {
			try {
				// the database is asked again rather than this instance's profile listener awaited: with several
				// instances, the profile's partition may be another's, which stores it in the same database
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
			profile = profiles.find(clientId).orElse(null);
		}
		return profile;
	}

	private static final Duration PROFILE_LANDS = Duration.ofSeconds(2);

	/** A welcome whose client is still unknown after this long is of a client erased before it was sent. */
	private static final Duration WAIT_FOR_PROFILE = Duration.ofMinutes(10);

	private final DeliveryPipeline pipeline;

	private final PushFirst pushFirst;

	private final Clock clock;

	ClientReminders(ProfileView profiles, DeliveryPipeline pipeline, PushFirst pushFirst, Clock clock) {
		this.profiles = profiles;
		this.pipeline = pipeline;
		this.pushFirst = pushFirst;
		this.clock = clock;
	}

	@KafkaListener(id = "notifier-client-messages", topics = Topics.CLIENT_MESSAGES,
			groupId = "notifier-service.client-messages")
	void on(String payload) {
		ClientMessage message = EventJson.read(payload, ClientMessage.class);
		boolean welcome = message.kind() == ClientMessage.Kind.WELCOME;
		ClientProfile profile = welcome ? profileSoon(message.clientId())
				: profiles.find(message.clientId()).orElse(null);
		if (profile == null && welcome && message.occurredAt().isAfter(clock.instant().minus(WAIT_FOR_PROFILE))) {
			throw new FailureKind.NotYet("no profile yet for the welcome " + message.messageId());
		}
		if (profile == null || profile.phone() == null) {
			return; // erased, or never known here
		}
		var claim = new Claim(welcome ? DeliveryKind.WELCOME : DeliveryKind.REMINDER, message.messageId(), message.clientId(), null, 1, "",
				DeliveryEvent.CLIENT_RECIPIENT, ContactChannel.SMS);
		Intent intent = new Intent(claim, profile, message);
		if (!welcome && pushFirst.pushed(intent, message.messageId())) {
			return; // on the client's browser as a notification: no text as well
		}
		pipeline.deliver(List.of(intent));
	}
}
