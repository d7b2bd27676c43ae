package app.lantern.notifier.profiles;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import app.lantern.events.ClientProfile;
import app.lantern.events.EventJson;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which programme a client belongs to, for the deliveries' metrics (a programme is a label — a team's board — and a
 * client never is): learned from each profile this instance records, else read once from the profiles the notifier
 * keeps. {@code default} when the notifier holds no profile of the client.
 */
@Component
public class ProgrammeOf implements Function<String, String> {

	/** The label of a client of no known programme. */
	public static final String UNKNOWN = "default";

	/** Clients remembered; past this, the memory starts again. */
	private static final int MOST_REMEMBERED = 200_000;

	private final JdbcClient jdbc;

	private final Map<String, String> known = new ConcurrentHashMap<>();

	ProgrammeOf(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void learned(String clientId, String programme) {
		if (known.size() >= MOST_REMEMBERED) {
			known.clear();
		}
		known.put(clientId, programme == null ? UNKNOWN : programme);
	}

	void forget(String clientId) {
		known.remove(clientId);
	}

	@Override
	public String apply(String clientId) {
		if (clientId == null) {
			return UNKNOWN;
		}
		String programme = known.get(clientId);
		if (programme != null) {
			return programme;
		}
		try {
			programme = jdbc.sql("select payload from client_profile where client_id = ?").param(clientId)
				.query(String.class).optional()
				.map(json -> EventJson.read(json, ClientProfile.class).programme())
				.orElse(null);
		}
		catch (DataAccessException ex) {
			return UNKNOWN; // a metric's label is never worth failing a send for
		}
		learned(clientId, programme);
		return programme == null ? UNKNOWN : programme;
	}
}
