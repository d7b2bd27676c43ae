package app.lantern.checkin.security;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Ends everything a staff user is signed in with, on every instance at once: their console sessions (kept in
 * PostgreSQL, so deleting them there ends them everywhere) and their remembered API sign-in.
 */
@Component
class StaffSessions {

	private final ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions;

	private final RememberedSignIns remembered;

	StaffSessions(ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions,
			RememberedSignIns remembered) {
		this.sessions = sessions;
		this.remembered = remembered;
	}

	/** Ends every session of {@code username}; returns how many there were. */
	int endAll(String username) {
		return endAllBut(username, null);
	}

	/** Ends every session of {@code username} but {@code kept} (the one they are using; null: none). */
	int endAllBut(String username, String kept) {
		remembered.forget(username);
		FindByIndexNameSessionRepository<? extends Session> repository = sessions.getIfAvailable();
		if (repository == null) {
			return 0;
		}
		List<String> ended = repository.findByPrincipalName(username).keySet().stream()
			.filter(id -> !id.equals(kept))
			.toList();
		ended.forEach(repository::deleteById);
		return ended.size();
	}
}
