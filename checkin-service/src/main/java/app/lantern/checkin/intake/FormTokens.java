package app.lantern.checkin.intake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The check-in page's own proof, in place of a session-bound CSRF token: the instant the page was drawn and an
 * HMAC of it and the client's link, under a secret every instance shares (made once, kept in PostgreSQL). A
 * page opened hours ago posts to any instance with no session at all; a cross-site post without the page's
 * proof, or with another link's, is refused.
 */
@Component
class FormTokens {

	/** Past this, an everyday check-in asks for a fresh page; a crisis is taken whatever the page's age. */
	static final Duration FRESH_FOR = Duration.ofDays(30);

	private static final int MAC_BYTES = 16;

	private final byte[] secret;

	@Autowired
	FormTokens(JdbcClient jdbc) {
		this(sharedSecret(jdbc));
	}

	FormTokens(byte[] secret) {
		this.secret = secret.clone();
	}

	/** The secret every instance shares: made by whichever starts first, read by all. */
	private static byte[] sharedSecret(JdbcClient jdbc) {
		byte[] made = new byte[32];
		new SecureRandom().nextBytes(made);
		jdbc.sql("insert into web_secret (name, secret) values ('form-tokens', ?) on conflict (name) do nothing")
			.param(made)
			.update();
		return jdbc.sql("select secret from web_secret where name = 'form-tokens'").query(byte[].class).single();
	}

	enum Check {
		/** Drawn by this service for this link, within {@link #FRESH_FOR}. */
		VALID,
		/** Drawn by this service for this link, but long ago. */
		STALE,
		/** Missing, forged, or another link's. */
		INVALID
	}

	String issue(String linkHash, Instant now) {
		long drawn = now.getEpochSecond();
		byte[] token = ByteBuffer.allocate(8 + MAC_BYTES).putLong(drawn).put(mac(linkHash, drawn)).array();
		return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
	}

	Check check(String proof, String linkHash, Instant now) {
		if (proof == null || proof.length() > 64) {
			return Check.INVALID;
		}
		byte[] token;
		try {
			token = Base64.getUrlDecoder().decode(proof);
		}
		catch (IllegalArgumentException notBase64) {
			return Check.INVALID;
		}
		if (token.length != 8 + MAC_BYTES) {
			return Check.INVALID;
		}
		ByteBuffer buffer = ByteBuffer.wrap(token);
		long drawn = buffer.getLong();
		byte[] mac = Arrays.copyOfRange(token, 8, token.length);
		if (!MessageDigest.isEqual(mac, mac(linkHash, drawn))) {
			return Check.INVALID;
		}
		Instant drawnAt = Instant.ofEpochSecond(drawn);
		return drawnAt.isAfter(now.plusSeconds(60)) || drawnAt.plus(FRESH_FOR).isBefore(now) ? Check.STALE : Check.VALID;
	}

	/** What a signature keeps of the page it was made on: the proof's SHA-256 (hex), which names the page, not the link. */
	static String fingerprint(String proof) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(proof.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private byte[] mac(String linkHash, long drawn) {
		try {
			Mac hmac = Mac.getInstance("HmacSHA256");
			hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
			hmac.update(linkHash.getBytes(StandardCharsets.UTF_8));
			hmac.update(ByteBuffer.allocate(8).putLong(drawn).array());
			return Arrays.copyOf(hmac.doFinal(), MAC_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
