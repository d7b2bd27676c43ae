package app.lantern.notifier.channels;

import java.time.Duration;
import java.util.UUID;

import app.lantern.events.ContactChannel;
import app.lantern.notifier.delivery.Channel;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/** E-mail through Spring Mail. An SMTP 5xx answer is permanent; a 4xx or a lost connection is worth a retry. */
public class SmtpMail implements Channel {

	private final JavaMailSender mail;

	private final String from;

	public SmtpMail(JavaMailSender mail, String from) {
		this.mail = mail;
		this.from = from;
	}

	/**
	 * Bounds every wait on the mail server (connect, read, write): Jakarta Mail waits forever by default, and a
	 * server that accepts a connection and never answers would hold a send thread for good. A setting already
	 * given ({@code spring.mail.properties.mail.smtp.*}) is kept.
	 */
	public static void bound(JavaMailSenderImpl sender, Duration timeout) {
		String millis = Long.toString(timeout.toMillis());
		for (String property : new String[] { "mail.smtp.connectiontimeout", "mail.smtp.timeout",
				"mail.smtp.writetimeout" }) {
			sender.getJavaMailProperties().putIfAbsent(property, millis);
		}
	}

	@Override
	public ContactChannel kind() {
		return ContactChannel.EMAIL;
	}

	@Override
	public void send(UUID deliveryId, String address, String subject, String body) throws SendException {
		try {
			MimeMessage message = mail.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
			helper.setFrom(from);
			helper.setTo(address);
			helper.setSubject(subject);
			helper.setText(body);
			message.setHeader("X-Lantern-Delivery", deliveryId.toString());
			mail.send(message);
		}
		catch (MessagingException ex) {
			throw new SendException("the message could not be built", true, ex);
		}
		catch (MailAuthenticationException ex) {
			throw new SendException("SMTP refused the credentials", false, ex);
		}
		catch (MailSendException ex) {
			throw new SendException("SMTP refused the message", permanent(ex), ex);
		}
		catch (MailException ex) {
			throw new SendException("SMTP failed", false, ex);
		}
	}

	private static boolean permanent(MailSendException ex) {
		for (Exception failure : ex.getFailedMessages().values()) {
			Throwable cause = failure;
			while (cause != null) {
				if (cause instanceof SMTPSendFailedException smtp) {
					return smtp.getReturnCode() >= 500;
				}
				if (cause instanceof SendFailedException sendFailed && sendFailed.getInvalidAddresses() != null
						&& sendFailed.getInvalidAddresses().length > 0) {
					return true;
				}
				cause = cause.getCause();
			}
		}
		return false;
	}
}
