package app.lantern.checkin.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Locks a staff account for 15 minutes after 5 wrong passwords in a row, on the API and the console alike;
 * a successful sign-in resets the count. A locked account is refused even with the right password.
 */
@Component
class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	static final int MAX_FAILURES = 5;

	static final Duration LOCK = Duration.ofMinutes(15);

	private final JdbcClient jdbc;

	private final Clock clock;

	LoginThrottle(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@EventListener
	void failed(AuthenticationFailureBadCredentialsEvent event) {
		String username = event.getAuthentication().getName();
		int locked = jdbc.sql("""
				update staff_user
				set locked_until = case when failed_attempts + 1 >= ? then ? else locked_until end,
				    failed_attempts = case when failed_attempts + 1 >= ? then 0 else failed_attempts + 1 end
				where username = ?""")
			.params(MAX_FAILURES, Timestamp.from(clock.instant().plus(LOCK)), MAX_FAILURES, username)
			.update();
		if (locked > 0) {
			log.warn("A staff sign-in failed (wrong password)");
		}
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		jdbc.sql("update staff_user set failed_attempts = 0, locked_until = null where username = ? and failed_attempts > 0")
			.param(event.getAuthentication().getName())
			.update();
	}
}
