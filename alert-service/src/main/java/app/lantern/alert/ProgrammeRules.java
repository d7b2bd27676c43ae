package app.lantern.alert;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import app.lantern.events.ClientProfile;
import app.lantern.platform.rules.InvalidRuleException;
import app.lantern.platform.rules.RuleBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules a client's check-ins are judged by: their programme's own rules file when its profile carries one
 * (checked when its administrator saved it), else the deployment's. Each file is parsed once and kept by its
 * text; a file that no longer parses here is logged and the deployment's judge instead — a crisis is never left
 * to a broken file.
 */
final class ProgrammeRules {

	private static final Logger log = LoggerFactory.getLogger(ProgrammeRules.class);

	/** Files kept parsed; past this, the cache starts again (programmes change their rules rarely). */
	private static final int MOST_KEPT = 256;

	private final RuleBook deployment;

	private final Map<String, RuleBook> parsed = new ConcurrentHashMap<>();

	ProgrammeRules(RuleBook deployment) {
		this.deployment = deployment;
	}

	RuleBook deployment() {
		return deployment;
	}

	RuleBook of(ClientProfile profile) {
		if (profile == null || profile.rules() == null) {
			return deployment;
		}
		RuleBook book = parsed.get(profile.rules());
		if (book != null) {
			return book;
		}
		try {
			book = RuleBook.parse(profile.rules(), "programme " + profile.programme() + "'s rules");
		}
		catch (InvalidRuleException ex) {
			log.error("Programme {}'s rules do not parse here; its clients are judged by the deployment's: {}",
					profile.programme(), ex.getMessage());
			return deployment;
		}
		if (parsed.size() >= MOST_KEPT) {
			parsed.clear();
		}
		parsed.put(profile.rules(), book);
		return book;
	}
}
