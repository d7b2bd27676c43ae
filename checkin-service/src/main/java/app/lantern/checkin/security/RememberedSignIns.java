package app.lantern.checkin.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.core.Authentication;

/**
 * bcrypt is slow on purpose, and HTTP Basic sends the password with every API call: checking each one would
 * cap the API at a few dozen requests a second per core. A successful sign-in is therefore remembered for a
 * minute as an HMAC of the credentials under a key that never leaves this process; the same credentials
 * within that minute skip bcrypt. Any failed attempt for the user forgets them at once, so a lockout takes
 * effect immediately; and every remembered sign-in is checked against the account as stored (one key read): an
 * account disabled, reset or given a new password — on any instance — is refused at its next request.
 * <p>
 * One check at a time per user: when the minute ends, 64 API clients of one account would otherwise all miss at
 * once and run 64 bcrypts together (seconds of both cores, every minute — the benchmark's intake lost half its
 * CPU to it). The others wait for the one check and take its answer. A little before the minute ends, one request
 * checks again while the rest go on under the remembered sign-in, so a steady client never waits for bcrypt.
 */
class RememberedSignIns implements AuthenticationProvider {

	static final Duration REMEMBER = Duration.ofMinutes(1);

	/** How long before the minute ends one request checks the password again. */
	static final Duration RECHECK_AHEAD = Duration.ofSeconds(10);

	/** Striped, so that names never seen (an attacker's) cannot grow a map of locks. */
	private final ReentrantLock[] checking = new ReentrantLock[64];

	private final DaoAuthenticationProvider passwords;

	private final Clock clock;

	private final SecretKeySpec key;

	private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

	private final LoginThrottle throttle;

	/** The stored password hash and second factors of an enabled account ({@link StaffUsers#currentCredential}). */
	private final Function<String, Optional<String>> currentCredential;

	RememberedSignIns(DaoAuthenticationProvider passwords, LoginThrottle throttle, Clock clock,
			Function<String, Optional<String>> currentCredential) {
		this.passwords = passwords;
		this.currentCredential = currentCredential;
		this.throttle = throttle;
		this.clock = clock;
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		this.key = new SecretKeySpec(secret, "HmacSHA256");
		Arrays.setAll(checking, i -> new ReentrantLock());
	}

	/** A sign-in, and the stored password hash it was checked against: a reset or a new password forgets it. */
	private record Remembered(byte[] digest, Authentication authentication, Instant until, String credential) {
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = authentication.getName();
		Object credentials = authentication.getCredentials();
		if (username == null || credentials == null) {
			return passwords.authenticate(authentication);
		}
		byte[] digest = digest(username, credentials.toString());
		Remembered known = remembered(username, digest);
		ReentrantLock lock = checking[Math.floorMod(username.hashCode(), checking.length)];
		if (known != null && throttle.refuses(username, LoginThrottle.addressOf(authentication))) {
			// remembered from another address: a lock at this one holds all the same
			throw new LockedException("too many wrong passwords from this address: try again later");
		}
		if (known != null && !stillCurrent(username, known)) {
			// disabled, reset or changed since (perhaps on another instance): checked afresh, and refused if so
			remembered.remove(username);
			known = null;
		}
		if (known != null) {
			if (clock.instant().isBefore(known.until().minus(RECHECK_AHEAD)) || !lock.tryLock()) {
				return known.authentication();
			}
		}
		else {
			lock.lock();
		}
		try {
			Remembered checkedMeanwhile = remembered(username, digest);
			if (checkedMeanwhile != null && checkedMeanwhile != known) {
				return checkedMeanwhile.authentication();
			}
			return check(authentication, username, digest);
		}
		finally {
			lock.unlock();
		}
	}

	/** The remembered sign-in of these credentials, if its minute has not ended. */
	private Remembered remembered(String username, byte[] digest) {
		Remembered known = remembered.get(username);
		boolean valid = known != null && clock.instant().isBefore(known.until())
				&& MessageDigest.isEqual(known.digest(), digest);
		return valid ? known : null;
	}

	private Authentication check(Authentication authentication, String username, byte[] digest) {
		if (throttle.refuses(username, LoginThrottle.addressOf(authentication))) {
			throw new LockedException("too many wrong passwords from this address: try again later");
		}
		Authentication verified = passwords.authenticate(authentication);
		if (verified != null && verified.isAuthenticated()) {
			throttle.succeeded(username, LoginThrottle.addressOf(authentication));
			currentCredential.apply(username).ifPresent(credential -> remembered.put(username,
					new Remembered(digest, verified, clock.instant().plus(REMEMBER), credential)));
		}
		return verified;
	}

	/** Whether the account is still enabled, with the password this sign-in was checked against (one key read). */
	private boolean stillCurrent(String username, Remembered known) {
		return currentCredential.apply(username).map(known.credential()::equals).orElse(false);
	}

	/** Forgets the user's remembered sign-in here (disabled, reset, changed); other instances see it at the next read. */
	void forget(String username) {
		remembered.remove(username);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	@EventListener
	void forget(AbstractAuthenticationFailureEvent failure) {
		remembered.remove(failure.getAuthentication().getName());
	}

	private byte[] digest(String username, String password) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac.doFinal((username + '\u0000' + password).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
