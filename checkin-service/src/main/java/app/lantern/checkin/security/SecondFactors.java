package app.lantern.checkin.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What second factors a staff user has (passkeys, an authenticator app), and whether a programme requires one. */
@Service
class SecondFactors {

	/** The columns {@code totp}, {@code passkey} and {@code required} for the staff user aliased {@code s}. */
	static final String COLUMNS = """
			exists (select 1 from staff_totp t where t.username = s.username and t.confirmed_at is not null) as totp,
			exists (select 1 from user_entities e join user_credentials c on c.user_entity_user_id = e.id
			        where e.name = s.username) as passkey,
			exists (select 1 from staff_programme sp join programme p on p.id = sp.programme_id
			        where sp.username = s.username and p.second_factor_required) as required""";

	private final JdbcClient jdbc;

	SecondFactors(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A staff user's second factors: their passkeys, whether they use an app, whether one is required of them. */
	record State(List<Passkey> passkeys, boolean codes, boolean required) {
	}

	/** {@code id}: the credential's id (base64url), as {@code DELETE /webauthn/register/{id}} takes it. */
	record Passkey(String id, String label, Instant created, Instant lastUsed) {
	}

	State of(String username) {
		List<Passkey> passkeys = jdbc.sql("""
				select c.credential_id, c.label, c.created, c.last_used
				from user_credentials c join user_entities e on e.id = c.user_entity_user_id
				where e.name = ? order by c.created""")
			.param(username)
			.query((rs, n) -> new Passkey(rs.getString("credential_id"), rs.getString("label"),
					instant(rs.getTimestamp("created")), instant(rs.getTimestamp("last_used"))))
			.list();
		return jdbc.sql("select " + COLUMNS + " from staff_user s where s.username = ?")
			.param(username)
			.query((rs, n) -> new State(passkeys, rs.getBoolean("totp"), rs.getBoolean("required")))
			.optional()
			.orElse(new State(List.of(), false, false));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	/** Whether the user has a passkey or a confirmed authenticator app. */
	boolean any(String username) {
		State state = of(username);
		return state.codes() || !state.passkeys().isEmpty();
	}

	boolean hasCodes(String username) {
		return of(username).codes();
	}

	/** Removes every second factor of the user (a lost phone or key); returns how many there were. */
	int removeAll(String username) {
		int codes = jdbc.sql("delete from staff_totp where username = ?").param(username).update();
		int passkeys = jdbc.sql("""
				delete from user_credentials where user_entity_user_id in (select id from user_entities where name = ?)""")
			.param(username)
			.update();
		return codes + passkeys;
	}
}
