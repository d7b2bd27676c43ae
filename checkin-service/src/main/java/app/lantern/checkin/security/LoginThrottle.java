package app.lantern.checkin.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Throttles sign-ins by staff user and address together, on the API and the console alike: 5 wrong passwords in
 * a row from one address lock that user for that address for 15 minutes (the right password from there is
 * refused too), while the same user signs in from anywhere else as usual — so no one can lock {@code admin} out
 * from their own machine. The account itself is locked only when wrong passwords come from 3 or more addresses
 * within 15 minutes (15 or more in all): a guess spread over many machines. A success from an address clears that
 * address; an ADMIN's unlock clears everything.
 */
@Component
class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	static final int MAX_FAILURES = 5;

	static final int ACCOUNT_ADDRESSES = 3;

	static final int ACCOUNT_FAILURES = 15;

	static final Duration LOCK = Duration.ofMinutes(15);

	private final JdbcClient jdbc;

	private final Clock clock;

	LoginThrottle(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Whether this user is locked out at this address now (checked before the password is). */
	boolean refuses(String username, String address) {
		return jdbc.sql("""
				select count(*) from sign_in_failure where username = ? and address = ? and locked_until > ?""")
			.params(username, address, Timestamp.from(clock.instant()))
			.query(Integer.class)
			.single() > 0;
	}

	@EventListener
	void failed(AuthenticationFailureBadCredentialsEvent event) {
		String username = event.getAuthentication().getName();
		if (username == null || username.isBlank()) {
			return;
		}
		try {
			count(event, username);
		}
		catch (RuntimeException ex) {
			// the database away: the sign-in failed anyway; it is not counted
			log.warn("A staff sign-in failed and could not be counted: {}", ex.getClass().getSimpleName());
		}
	}

	private void count(AuthenticationFailureBadCredentialsEvent event, String username) {
		Instant now = clock.instant();
		Timestamp stale = Timestamp.from(now.minus(LOCK));
		jdbc.sql("""
				insert into sign_in_failure (username, address, failures, locked_until, last_at)
				values (:user, :address, 1, null, :now)
				on conflict (username, address) do update set
				  failures = case when sign_in_failure.last_at < :stale then 1 else sign_in_failure.failures + 1 end,
				  locked_until = case when (case when sign_in_failure.last_at < :stale then 1
				                                 else sign_in_failure.failures + 1 end) >= :max
				                      then :until else sign_in_failure.locked_until end,
				  last_at = :now""")
			.param("user", username)
			.param("address", addressOf(event.getAuthentication()))
			.param("now", Timestamp.from(now))
			.param("stale", stale)
			.param("max", MAX_FAILURES)
			.param("until", Timestamp.from(now.plus(LOCK)))
			.update();
		var spread = jdbc.sql("""
				select count(*) as addresses, coalesce(sum(failures), 0) as failures from sign_in_failure
				where username = ? and last_at >= ?""")
			.params(username, stale)
			.query((rs, n) -> new int[] { rs.getInt("addresses"), rs.getInt("failures") })
			.single();
		if (spread[0] >= ACCOUNT_ADDRESSES && spread[1] >= ACCOUNT_FAILURES) {
			int locked = jdbc.sql("update staff_user set locked_until = ? where username = ?")
				.params(Timestamp.from(now.plus(LOCK)), username)
				.update();
			if (locked > 0) {
				log.warn("A staff account was locked for {}: wrong passwords from {} addresses", LOCK, spread[0]);
			}
		}
		else {
			log.warn("A staff sign-in failed (wrong password)");
		}
	}

	/**
	 * A password verified from this address clears its failures (called when the password was checked, at most
	 * once a minute per user, not on every remembered API call). Not clearing them is no reason to refuse the
	 * sign-in: a database that is away is only logged.
	 */
	void succeeded(String username, String address) {
		try {
			jdbc.sql("delete from sign_in_failure where username = ? and address = ?").params(username, address).update();
		}
		catch (RuntimeException ex) {
			log.debug("Sign-in failures not cleared now: {}", ex.toString());
		}
	}

	/** Lifts every lock of this user, at every address; false when there is no such user. */
	boolean unlock(String username) {
		jdbc.sql("delete from sign_in_failure where username = ?").param(username).update();
		return jdbc.sql("update staff_user set locked_until = null, failed_attempts = 0 where username = ?")
			.param(username)
			.update() > 0;
	}

	static String addressOf(Authentication authentication) {
		return authentication.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
				? web.getRemoteAddress() : "unknown";
	}
}
