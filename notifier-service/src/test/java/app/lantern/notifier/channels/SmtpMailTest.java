package app.lantern.notifier.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import app.lantern.notifier.delivery.Channel;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Spring Mail against GreenMail, a real SMTP server in the test. */
class SmtpMailTest {

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Test
	void sendsTheMessageWithItsDeliveryId() throws Exception {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("localhost");
		sender.setPort(smtp.getSmtp().getPort());
		UUID delivery = UUID.randomUUID();

		new SmtpMail(sender, "Lantern <alerts@lantern.example.org>").send(delivery, "pat@example.org",
				"Lantern: Jordan may need your support", "Jordan missed a check-in at 9:00 PM.");

		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).hasSize(1);
		assertThat(received[0].getSubject()).isEqualTo("Lantern: Jordan may need your support");
		assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("pat@example.org");
		assertThat(received[0].getHeader("X-Lantern-Delivery")[0]).isEqualTo(delivery.toString());
		assertThat(((String) received[0].getContent()).trim()).isEqualTo("Jordan missed a check-in at 9:00 PM.");
	}

	/** A mail server that takes the connection and never says a word: the send gives up, as the channel's failure. */
	@Test
	void aMailServerThatNeverAnswersFailsTheSendWithinItsTimeout() throws Exception {
		try (ServerSocket silent = new ServerSocket(0)) {
			Thread accepting = new Thread(() -> {
				try {
					silent.accept(); // and then nothing: no greeting, no answer
				}
				catch (java.io.IOException closed) {
					// the test is over
				}
			});
			accepting.setDaemon(true);
			accepting.start();
			JavaMailSenderImpl sender = new JavaMailSenderImpl();
			sender.setHost("localhost");
			sender.setPort(silent.getLocalPort());
			SmtpMail.bound(sender, Duration.ofSeconds(1));
			SmtpMail mail = new SmtpMail(sender, "Lantern <alerts@lantern.example.org>");

			assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThatThrownBy(
					() -> mail.send(UUID.randomUUID(), "pat@example.org", "subject", "body"))
				.isInstanceOfSatisfying(Channel.SendException.class, ex -> {
					assertThat(ex.permanent()).isFalse();
					assertThat(ex.channelAtFault()).isTrue();
				}));
		}
	}
}
