package app.lantern.checkin.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Staff accounts in PostgreSQL. */
@Service
class StaffUsers implements UserDetailsService {

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	private final Clock clock;

	StaffUsers(JdbcClient jdbc, PasswordEncoder passwords, Clock clock) {
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.clock = clock;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return jdbc.sql("select username, password_hash, role, enabled, locked_until, must_change_password, "
				+ SecondFactors.COLUMNS + " from staff_user s where username = ?")
			.param(username)
			.query((rs, n) -> {
				Timestamp lockedUntil = rs.getTimestamp("locked_until");
				boolean locked = lockedUntil != null && lockedUntil.toInstant().isAfter(clock.instant());
				List<GrantedAuthority> authorities = new ArrayList<>(
						List.of(new SimpleGrantedAuthority("ROLE_" + rs.getString("role"))));
				if (rs.getBoolean("must_change_password")) {
					authorities.add(new SimpleGrantedAuthority(MustChangePassword.AUTHORITY));
				}
				secondFactors(rs.getBoolean("totp"), rs.getBoolean("passkey"), rs.getBoolean("required"))
					.forEach(authority -> authorities.add(new SimpleGrantedAuthority(authority)));
				return User.withUsername(rs.getString("username"))
					.password(rs.getString("password_hash"))
					.authorities(authorities)
					.disabled(!rs.getBoolean("enabled"))
					.accountLocked(locked)
					.build();
			})
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("no such staff user"));
	}

	/** What a password sign-in still owes ({@link SecondFactorGate}). */
	private static List<String> secondFactors(boolean codes, boolean passkey, boolean required) {
		List<String> marks = new ArrayList<>();
		if (codes || passkey || required) {
			marks.add(SecondFactorGate.REQUIRED);
		}
		if (codes) {
			marks.add(SecondFactorGate.HAS_CODES);
		}
		else if (!passkey && required) {
			marks.add(SecondFactorGate.TO_ENROL);
		}
		return marks;
	}

	record StaffView(String username, String role, boolean enabled, Instant lockedUntil,
			List<String> programmes, boolean mustChangePassword) {
	}

	List<StaffView> list() {
		return jdbc.sql("""
				select username, role, enabled, locked_until, must_change_password,
				  array(select programme_id from staff_programme p where p.username = s.username
				        order by programme_id) as programmes
				from staff_user s order by username""")
			.query((rs, n) -> new StaffView(rs.getString("username"), rs.getString("role"), rs.getBoolean("enabled"),
					rs.getTimestamp("locked_until") == null ? null : rs.getTimestamp("locked_until").toInstant(),
					List.of((String[]) rs.getArray("programmes").getArray()), rs.getBoolean("must_change_password")))
			.list();
	}

	/** Replaces the programmes a staff user works in. */
	void setProgrammes(String username, List<String> programmes) {
		jdbc.sql("delete from staff_programme where username = ?").param(username).update();
		for (String programme : programmes) {
			jdbc.sql("insert into staff_programme (username, programme_id) values (?, ?)").params(username, programme)
				.update();
		}
	}

	/** Whether {@code rawPassword} is the stored password of this user. */
	boolean passwordMatches(String username, String rawPassword) {
		return jdbc.sql("select password_hash from staff_user where username = ?")
			.param(username)
			.query(String.class)
			.optional()
			.map(hash -> passwords.matches(rawPassword, hash))
			.orElse(false);
	}

	/**
	 * What a sign-in remembered a minute ago must still match: the stored password hash of an enabled user, with
	 * their second factors and whether one is required (a factor added or a programme's rule changed asks afresh).
	 */
	Optional<String> currentCredential(String username) {
		return jdbc.sql("select password_hash, " + SecondFactors.COLUMNS + " from staff_user s where username = ? and enabled")
			.param(username)
			.query((rs, n) -> rs.getString("password_hash") + "|" + rs.getBoolean("totp") + rs.getBoolean("passkey")
					+ rs.getBoolean("required"))
			.optional();
	}

	/** Enables or disables the account; false when there is no such user. */
	boolean setEnabled(String username, boolean enabled) {
		return jdbc.sql("update staff_user set enabled = ? where username = ?").params(enabled, username).update() > 0;
	}

	/** A new password; {@code mustChange}: a one-time one, to be changed at the next sign-in. */
	boolean setPassword(String username, String rawPassword, boolean mustChange) {
		return jdbc.sql("""
				update staff_user set password_hash = ?, must_change_password = ?, password_changed_at = ?
				where username = ?""")
			.params(passwords.encode(rawPassword), mustChange, Timestamp.from(clock.instant()), username)
			.update() > 0;
	}

	boolean exists(String username) {
		return jdbc.sql("select count(*) from staff_user where username = ?").param(username).query(Integer.class)
			.single() > 0;
	}

	void create(String username, String rawPassword, String role) {
		jdbc.sql("""
				insert into staff_user (username, password_hash, role, created_at) values (?, ?, ?, ?)
				on conflict (username) do nothing""")
			.params(username, passwords.encode(rawPassword), role, Timestamp.from(clock.instant()))
			.update();
	}
}
