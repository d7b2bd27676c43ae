package app.lantern.notifier.delivery;

import java.util.UUID;

import app.lantern.events.ContactChannel;
import app.lantern.notifier.sandbox.SandboxOutbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** SMS and e-mail into the sandbox outbox, for local runs without Twilio or SMTP. */
@Configuration(proxyBeanMethods = false)
class SandboxChannels {

	@Bean
	Channel sandboxSms(SandboxOutbox sandbox) {
		return sandboxed(ContactChannel.SMS, sandbox);
	}

	@Bean
	Channel sandboxEmail(SandboxOutbox sandbox) {
		return sandboxed(ContactChannel.EMAIL, sandbox);
	}

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
