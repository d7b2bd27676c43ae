package app.lantern.checkin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.testsupport.AllAtOnce;
import app.lantern.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Many API calls of one account at the end of the remembered minute check the password once, not once each: a
 * stampede of bcrypts was half of the check-in intake's CPU in the benchmark.
 */
@CheckinServiceTest
class RememberedSignInsTest {

	@Autowired
	LoginThrottle throttle;

	private final AtomicInteger bcrypts = new AtomicInteger();

	private final MutableClock clock = MutableClock.startingNow();

	private RememberedSignIns signIns;

	@BeforeEach
	void signIns() {
		BCryptPasswordEncoder real = new BCryptPasswordEncoder();
		PasswordEncoder bcrypt = new PasswordEncoder() {
			@Override
			public String encode(CharSequence raw) {
				return real.encode(raw);
			}

			@Override
			public boolean matches(CharSequence raw, String encoded) {
				bcrypts.incrementAndGet();
				return real.matches(raw, encoded);
			}
		};
		var users = new InMemoryUserDetailsManager(User.withUsername("remembered-sign-ins")
			.password(real.encode("right"))
			.roles("STAFF")
			.build());
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
		passwords.setPasswordEncoder(bcrypt);
		signIns = new RememberedSignIns(passwords, throttle, clock, username -> Optional.of("the stored hash"));
	}

	@Test
	void sixtyFourCallsTogetherCheckThePasswordOnce() throws Exception {
		assertThat(sixtyFourAtOnce()).allMatch(Authentication::isAuthenticated);
		assertThat(bcrypts).hasValue(1);

		clock.advance(RememberedSignIns.REMEMBER.plusSeconds(1));
		assertThat(sixtyFourAtOnce()).allMatch(Authentication::isAuthenticated);
		assertThat(bcrypts).hasValue(2);
	}

	@Test
	void aLittleBeforeTheMinuteEndsOneCallChecksAgainAndTheRestGoOn() throws Exception {
		signIns.authenticate(credentials("right"));
		clock.advance(RememberedSignIns.REMEMBER.minus(RememberedSignIns.RECHECK_AHEAD).plusSeconds(1));

		assertThat(sixtyFourAtOnce()).allMatch(Authentication::isAuthenticated);
		assertThat(bcrypts).hasValue(2);

		// the check renewed the minute: past the first minute's end nothing is checked again
		clock.advance(RememberedSignIns.RECHECK_AHEAD);
		signIns.authenticate(credentials("right"));
		assertThat(bcrypts).hasValue(2);
	}

	@Test
	void aWrongPasswordIsStillCheckedAndRefused() throws Exception {
		signIns.authenticate(credentials("right"));

		List<Throwable> refused = new ArrayList<>();
		try {
			signIns.authenticate(credentials("wrong"));
		}
		catch (RuntimeException ex) {
			refused.add(ex);
		}
		assertThat(refused).hasSize(1);
		assertThat(bcrypts).hasValue(2);
	}

	/** 64 sign-ins with the right password, all at once. */
	private List<Authentication> sixtyFourAtOnce() throws Exception {
		Callable<Authentication> signIn = () -> signIns.authenticate(credentials("right"));
		return AllAtOnce.call(Collections.nCopies(64, signIn), 64);
	}

	private static UsernamePasswordAuthenticationToken credentials(String password) {
		// a name no other test signs in with: the throttle's table is shared
		return UsernamePasswordAuthenticationToken.unauthenticated("remembered-sign-ins", password);
	}
}
