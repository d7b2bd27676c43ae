package app.lantern.checkin.intake;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.lantern.checkin.registry.LinkTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Whose check-in link a token is: only its SHA-256 is stored, so a lookup hashes the token first. */
@Component
class ClientLinks {

	private final JdbcClient jdbc;

	ClientLinks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** What the check-in page needs of the client behind a link. */
	record Client(UUID id, String name, int threshold, List<String> plan, boolean discharged, String linkHash,
			java.util.Locale locale) {
	}

	Optional<Client> byToken(String token) {
		if (token == null || token.length() > 100) {
			return Optional.empty();
		}
		String hash = LinkTokens.hash(token);
		return jdbc.sql("""
				select c.id, c.display_name, c.craving_threshold, c.coping_plan, c.status,
				  coalesce(c.language, p.language) as language
				from client c join programme p on p.id = c.programme_id where c.link_token_hash = ?""")
			.param(hash)
			.query((rs, n) -> new Client(rs.getObject("id", UUID.class), rs.getString("display_name"),
					rs.getInt("craving_threshold"), List.of((String[]) rs.getArray("coping_plan").getArray()),
					"DISCHARGED".equals(rs.getString("status")), hash,
					app.lantern.events.Languages.locale(rs.getString("language"))))
			.optional();
	}
}
