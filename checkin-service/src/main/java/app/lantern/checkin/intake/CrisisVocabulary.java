package app.lantern.checkin.intake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.programmes.ProgrammePolicies;
import app.lantern.checkin.programmes.Programmes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The words of crisis Lantern reads: the deployment's ({@code lantern.sms.crisis-words}), and those each programme
 * adds in its languages — held in memory, so that reading a text for crisis never waits on the database. A
 * programme's words are its own: a text from one of its clients is read with them, a text from another
 * programme's client is not. Where the client is not known yet (a text while the database is away, a note on the
 * page or through the API) every programme's words count: erring towards a false alarm is the safe side. A
 * change is read on commit, and every 30 seconds from the database (another instance's change).
 */
@Component
public class CrisisVocabulary {

	private static final Logger log = LoggerFactory.getLogger(CrisisVocabulary.class);

	private static final CrisisWords NONE = new CrisisWords(List.of());

	private final CrisisWords deployment;

	private final JdbcClient jdbc;

	private volatile Map<String, CrisisWords> programmes = Map.of();

	private volatile CrisisWords anyProgramme = NONE;

	CrisisVocabulary(CrisisWords deployment, JdbcClient jdbc) {
		this.deployment = deployment;
		this.jdbc = jdbc;
	}

	/** Words of crisis of the deployment or of any programme. */
	public boolean foundIn(String text) {
		return deployment.foundIn(text) || anyProgramme.foundIn(text);
	}

	/** Words of crisis of the deployment or of this programme (in any of its languages). */
	public boolean foundIn(String programme, String text) {
		return deployment.foundIn(text) || programmes.getOrDefault(programme, NONE).foundIn(text);
	}

	@TransactionalEventListener(fallbackExecution = true)
	void policyChanged(ProgrammePolicies.Changed changed) {
		refresh();
	}

	@EventListener(ApplicationReadyEvent.class)
	@Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
	void refresh() {
		try {
			Map<String, CrisisWords> read = new HashMap<>();
			List<String> all = new ArrayList<>();
			jdbc.sql("select id, crisis_words::text as words from programme where crisis_words <> '{}'::jsonb")
				.query(rs -> {
					List<String> words = Programmes.words(rs.getString("words")).values().stream()
						.flatMap(List::stream).toList();
					read.put(rs.getString("id"), new CrisisWords(words));
					all.addAll(words);
				});
			programmes = Map.copyOf(read);
			anyProgramme = new CrisisWords(all);
		}
		catch (DataAccessException ex) {
			// the words held are kept; the deployment's always hold
			log.warn("The programmes' crisis words could not be read; those held are kept: {}", ex.getClass().getName());
		}
	}
}
