package app.lantern.checkin.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
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
		return jdbc.sql("select username, password_hash, role, enabled, locked_until from staff_user where username = ?")
			.param(username)
			.query((rs, n) -> {
				Timestamp lockedUntil = rs.getTimestamp("locked_until");
				boolean locked = lockedUntil != null && lockedUntil.toInstant().isAfter(clock.instant());
				return User.withUsername(rs.getString("username"))
					.password(rs.getString("password_hash"))
					.roles(rs.getString("role"))
					.disabled(!rs.getBoolean("enabled"))
					.accountLocked(locked)
					.build();
			})
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("no such staff user"));
	}

	record StaffView(String username, String role, boolean enabled, Instant lockedUntil,
			List<String> programmes) {
	}

	List<StaffView> list() {
		return jdbc.sql("""
				select username, role, enabled, locked_until,
				  array(select programme_id from staff_programme p where p.username = s.username
				        order by programme_id) as programmes
				from staff_user s order by username""")
			.query((rs, n) -> new StaffView(rs.getString("username"), rs.getString("role"), rs.getBoolean("enabled"),
					rs.getTimestamp("locked_until") == null ? null : rs.getTimestamp("locked_until").toInstant(),
					List.of((String[]) rs.getArray("programmes").getArray())))
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
