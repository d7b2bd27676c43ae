package app.lantern.notifier.channels;

import java.util.UUID;

import app.lantern.events.ContactChannel;
import app.lantern.notifier.NotifierProperties;
import app.lantern.notifier.delivery.Channel;
import app.lantern.notifier.sandbox.SandboxOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Twilio and SMTP; the sandbox outbox in their place only in the sandbox (see {@link ChannelChoice}). */
@Configuration(proxyBeanMethods = false)
class ChannelConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ChannelConfiguration.class);

	@Bean
	Channel smsChannel(NotifierProperties properties, SandboxOutbox sandbox) {
		NotifierProperties.Twilio twilio = properties.twilio();
		if (ChannelChoice.sms(twilio, properties.sandbox()) == ChannelChoice.REAL) {
			log.info("SMS go through Twilio at {}", twilio.apiBaseUrl());
			if (twilio.messagingServiceSid() != null) {
				log.info("SMS go through Twilio's Messaging Service {}", twilio.messagingServiceSid());
			}
			return new TwilioSms(twilio.accountSid(), twilio.authToken(), twilio.from(), twilio.messagingServiceSid(),
					twilio.apiBaseUrl(), properties.publicBaseUrl(), twilio.messagesPerSecondPerNumber(),
					properties.delivery().concurrency(), twilio.timeout());
		}
		log.warn("Sandbox: SMS go to the sandbox outbox, not to Twilio");
		return sandboxed(ContactChannel.SMS, sandbox);
	}

	@Bean
	Channel emailChannel(ObjectProvider<JavaMailSender> mail, NotifierProperties properties, SandboxOutbox sandbox) {
		JavaMailSender sender = mail.getIfAvailable();
		if (ChannelChoice.email(sender != null, properties.sandbox()) == ChannelChoice.REAL) {
			if (sender instanceof JavaMailSenderImpl impl) {
				SmtpMail.bound(impl, properties.mail().timeout());
			}
			log.info("E-mail goes through SMTP");
			return new SmtpMail(sender, properties.mail().from());
		}
		log.warn("Sandbox: e-mail goes to the sandbox outbox, not to SMTP");
		return sandboxed(ContactChannel.EMAIL, sandbox);
	}

	/** Calls to the staff member on call, through Twilio when SMS do (the same account and number). */
	@Bean
	Channel voiceChannel(NotifierProperties properties, SandboxOutbox sandbox) {
		NotifierProperties.Twilio twilio = properties.twilio();
		if (ChannelChoice.sms(twilio, properties.sandbox()) == ChannelChoice.REAL) {
			if (twilio.from() == null || twilio.from().isBlank()) {
				throw new IllegalStateException("LANTERN_TWILIO_FROM is not set: a crisis no one acknowledges rings the "
						+ "person on call from it (a Messaging Service sends SMS only): set it to a voice-capable number");
			}
			return new TwilioVoice(twilio.accountSid(), twilio.authToken(), twilio.from(), twilio.apiBaseUrl(),
					properties.publicBaseUrl(), VOICE_CONNECTIONS, twilio.timeout());
		}
		return sandboxed(ContactChannel.VOICE, sandbox);
	}

	/** Calls are few (an unacknowledged crisis): a couple of connections and threads are plenty. */
	static final int VOICE_CONNECTIONS = 2;

	private static Channel sandboxed(ContactChannel kind, SandboxOutbox sandbox) {
		return new Channel() {

			@Override
			public ContactChannel kind() {
				return kind;
			}

			@Override
			public void send(UUID deliveryId, String address, String subject, String body) {
				sandbox.store(deliveryId, kind, address, subject, body);
			}
		};
	}
}
