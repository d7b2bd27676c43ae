package app.lantern.checkin.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Throttles sign-ins on the API and the console alike, by the client's real address (behind the ingress, the one it
 * forwards: {@code server.forward-headers-strategy=native}, trusted from {@code server.tomcat.remoteip.internal-proxies}
 * only). Five wrong passwords in a row for one user from one address lock that user at that address for 15
 * minutes (the right password from there is refused too), while the same user signs in from anywhere else as
 * usual; twenty wrong passwords from one address, whatever the names, refuse that address for 15 minutes — checked
 * before any password is hashed. No account is ever locked as a whole: a guess spread over many addresses is
 * refused address by address, counted and logged, and the right password from a clean address still signs in, so
 * no one outside can lock staff out. A name that is no staff user is never stored. A success from an address
 * clears that user's failures there and the address's count (someone there knows a password: the rest were typos);
 * an ADMIN's unlock clears the user's.
 */
@Component
class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	static final int MAX_FAILURES = 5;

	static final int ADDRESS_FAILURES = 20;

	/** Wrong passwords for one user from this many addresses within the lock: a spread guess, logged and counted. */
	static final int SPREAD_ADDRESSES = 3;

	static final Duration LOCK = Duration.ofMinutes(15);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final MeterRegistry meters;

	LoginThrottle(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.meters = meters;
	}

	/** Whether this user is locked out at this address, or the address itself is refused, now. */
	boolean refuses(String username, String address) {
		Timestamp now = Timestamp.from(clock.instant());
		return jdbc.sql("""
				select exists (select 1 from sign_in_failure where username = ? and address = ? and locked_until > ?)
				    or exists (select 1 from sign_in_address where address = ? and blocked_until > ?)""")
			.params(username, address, now, address, now)
			.query(Boolean.class)
			.single();
	}

	@EventListener
	void failed(AuthenticationFailureBadCredentialsEvent event) {
		String username = event.getAuthentication().getName();
		try {
			count(username == null ? "" : username, addressOf(event.getAuthentication()));
		}
		catch (RuntimeException ex) {
			// the database away: the sign-in failed anyway; it is not counted
			log.warn("A staff sign-in failed and could not be counted: {}", ex.getClass().getSimpleName());
		}
	}

	private void count(String username, String address) {
		Instant now = clock.instant();
		Timestamp stale = Timestamp.from(now.minus(LOCK));
		jdbc.sql("""
				insert into sign_in_address (address, failures, blocked_until, last_at) values (:address, 1, null, :now)
				on conflict (address) do update set
				  failures = case when sign_in_address.last_at < :stale then 1 else sign_in_address.failures + 1 end,
				  blocked_until = case when (case when sign_in_address.last_at < :stale then 1
				                                  else sign_in_address.failures + 1 end) >= :max
				                       then :until else sign_in_address.blocked_until end,
				  last_at = :now""")
			.param("address", address)
			.param("now", Timestamp.from(now))
			.param("stale", stale)
			.param("max", ADDRESS_FAILURES)
			.param("until", Timestamp.from(now.plus(LOCK)))
			.update();
		boolean known = jdbc.sql("select exists (select 1 from staff_user where username = ?)").param(username)
			.query(Boolean.class).single();
		if (!known) {
			log.warn("A staff sign-in failed (no such user)");
			return;
		}
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
			.param("address", address)
			.param("now", Timestamp.from(now))
			.param("stale", stale)
			.param("max", MAX_FAILURES)
			.param("until", Timestamp.from(now.plus(LOCK)))
			.update();
		int addresses = jdbc.sql("select count(*) from sign_in_failure where username = ? and last_at >= ?")
			.params(username, stale)
			.query(Integer.class)
			.single();
		if (addresses >= SPREAD_ADDRESSES) {
			meters.counter("lantern.signin.spread").increment();
			log.warn("Wrong passwords for one staff account from {} addresses within {}: each address is refused in "
					+ "turn; the account itself stays open to its right password", addresses, LOCK);
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
			// a right password from the address (an office behind one NAT, say): its count of others' typos starts over
			jdbc.sql("delete from sign_in_address where address = ?").param(address).update();
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
