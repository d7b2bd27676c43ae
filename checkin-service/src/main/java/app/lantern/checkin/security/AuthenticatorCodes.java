package app.lantern.checkin.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Time-based one-time codes (RFC 6238: HMAC-SHA1, 30-second steps, six digits), as every authenticator app makes
 * them. A staff user starts with a new key (shown once, as text and as an {@code otpauth://} link), and it signs no
 * one in until they have typed a code from their app. A code is accepted for its own step and one on either side (a
 * phone's clock a little off); at the console each step signs in once, never twice.
 */
@Service
class AuthenticatorCodes {

	private static final String ISSUER = "Lantern";

	private static final int KEY_BYTES = 20;

	private final TimeBasedOneTimePasswordGenerator codes = new TimeBasedOneTimePasswordGenerator();

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final Clock clock;

	AuthenticatorCodes(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A new key for an authenticator app: {@code key} to type in, {@code uri} for a link or a QR code. */
	record NewKey(String key, String uri) {
	}

	/**
	 * A new, unconfirmed key for {@code username}; empty when they already have a confirmed one (removed first, so
	 * that a stolen password cannot swap the app of an account that has one).
	 */
	Optional<NewKey> start(String username) {
		byte[] secret = new byte[KEY_BYTES];
		random.nextBytes(secret);
		int stored = jdbc.sql("""
				insert into staff_totp (username, secret, created_at) values (?, ?, ?)
				on conflict (username) do update set secret = excluded.secret, created_at = excluded.created_at,
				  last_step = 0 where staff_totp.confirmed_at is null""")
			.params(username, secret, Timestamp.from(clock.instant()))
			.update();
		if (stored == 0) {
			return Optional.empty();
		}
		String key = new Base32().encodeAsString(secret).replace("=", "");
		String label = URLEncoder.encode(ISSUER + ":" + username, StandardCharsets.UTF_8).replace("+", "%20");
		return Optional.of(new NewKey(key, "otpauth://totp/" + label + "?secret=" + key + "&issuer=" + ISSUER
				+ "&algorithm=SHA1&digits=6&period=30"));
	}

	/** Confirms the key being set up with a code from the app; false when the code is not right. */
	boolean confirm(String username, String code) {
		Optional<Long> step = matchingStep(username, code, false);
		return step.isPresent() && jdbc.sql("""
				update staff_totp set confirmed_at = ?, last_step = ? where username = ? and confirmed_at is null""")
			.params(Timestamp.from(clock.instant()), step.get(), username)
			.update() > 0;
	}

	/** A console sign-in's code: right, and of a step not used to sign in before. */
	boolean signIn(String username, String code) {
		Optional<Long> step = matchingStep(username, code, true);
		return step.isPresent() && jdbc.sql("""
				update staff_totp set last_step = ? where username = ? and confirmed_at is not null and last_step < ?""")
			.params(step.get(), username, step.get())
			.update() > 0;
	}

	/** An API call's code: right for now (the same code serves each call of its 30 seconds). */
	boolean valid(String username, String code) {
		return matchingStep(username, code, true).isPresent();
	}

	boolean enrolled(String username) {
		return jdbc.sql("select exists (select 1 from staff_totp where username = ? and confirmed_at is not null)")
			.param(username)
			.query(Boolean.class)
			.single();
	}

	/** Removes the user's key, confirmed or not; false when they had none. */
	boolean remove(String username) {
		return jdbc.sql("delete from staff_totp where username = ?").param(username).update() > 0;
	}

	/** The time step {@code code} was made for (now, or one either side), if it is right for the user's key. */
	private Optional<Long> matchingStep(String username, String code, boolean confirmed) {
		if (code == null || !code.strip().matches("[0-9]{6}")) {
			return Optional.empty();
		}
		Optional<byte[]> secret = jdbc.sql("select secret from staff_totp where username = ? and (confirmed_at is not null) = ?")
			.params(username, confirmed)
			.query((rs, n) -> rs.getBytes("secret"))
			.optional();
		if (secret.isEmpty()) {
			return Optional.empty();
		}
		SecretKeySpec key = new SecretKeySpec(secret.get(), TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
		long stepSeconds = codes.getTimeStep().toSeconds();
		long now = clock.instant().getEpochSecond() / stepSeconds;
		byte[] typed = code.strip().getBytes(StandardCharsets.US_ASCII);
		Optional<Long> matched = Optional.empty();
		for (long step = now - 1; step <= now + 1; step++) {
			// every step compared, in constant time: how long this takes tells nothing about which matched
			if (MessageDigest.isEqual(typed, codeAt(key, step * stepSeconds).getBytes(StandardCharsets.US_ASCII))) {
				matched = Optional.of(step);
			}
		}
		return matched;
	}

	private String codeAt(SecretKeySpec key, long epochSecond) {
		try {
			return String.format(Locale.ROOT, "%06d", codes.generateOneTimePassword(key, Instant.ofEpochSecond(epochSecond)));
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
