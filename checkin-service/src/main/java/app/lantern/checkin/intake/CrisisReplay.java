package app.lantern.checkin.intake;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Stores what waited in the crisis spool once the database is back, oldest first: each crisis is recorded
 * (and its CRISIS alert raised) exactly once, then its file is deleted. While the database is still away, a
 * round ends at the first failure and the next one tries again. A file that can never be stored — it cannot be
 * read, or the database refuses it while it answers everything else — is set aside, and the round goes on: a poison
 * file never blocks the crises behind it.
 */
@Component
class CrisisReplay {

	private static final Logger log = LoggerFactory.getLogger(CrisisReplay.class);

	private final CrisisSpool spool;

	private final Map<String, CrisisSpool.Store> stores;

	private final JdbcClient jdbc;

	CrisisReplay(CrisisSpool spool, List<CrisisSpool.Store> stores, JdbcClient jdbc) {
		this.spool = spool;
		this.stores = stores.stream().collect(Collectors.toMap(CrisisSpool.Store::channel, Function.identity()));
		this.jdbc = jdbc;
	}

	@Scheduled(fixedDelayString = "${lantern.intake.replay-every:2s}")
	void storeWhatWaited() {
		for (Path file : spool.waiting()) {
			CrisisSpool.Spooled crisis;
			try {
				crisis = spool.read(file);
			}
			catch (IOException | RuntimeException unreadable) {
				spool.setAside(file, "it cannot be read: " + unreadable.getClass().getSimpleName());
				continue;
			}
			CrisisSpool.Store store = stores.get(crisis.channel());
			if (store == null) {
				spool.setAside(file, "no store takes its channel " + crisis.channel());
				continue;
			}
			try {
				store.store(crisis);
			}
			catch (RuntimeException failed) {
				if (!neverStorable(failed)) {
					log.debug("Spooled crises wait: {}", failed.toString());
					return;
				}
				spool.setAside(file, failed.getClass().getSimpleName() + ": the database refuses its data");
				continue;
			}
			try {
				spool.done(file);
			}
			catch (IOException ex) {
				log.error("A spooled crisis was stored but its file could not be deleted (storing it again adds "
						+ "nothing): {}", file, ex);
				return;
			}
			log.info("A spooled crisis ({}) was stored", crisis.channel());
		}
	}

	/**
	 * Whether the failure is this crisis's own, never to be stored however long it waits: the database refused its
	 * data (SQLSTATE class 22, a data exception; 23, a constraint; 54, past a limit such as an index row's size) and
	 * answers a trivial query meanwhile. Anything else — the database down, hanging, restarting, a pooled connection
	 * its restart broke (a commit or rollback that fails on a closed connection) — waits for the next round: a
	 * crisis is set aside only when trying again cannot help.
	 */
	private boolean neverStorable(RuntimeException failed) {
		boolean refusedItsData = false;
		for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataIntegrityViolationException || (cause instanceof SQLException sql
					&& sql.getSQLState() != null && sql.getSQLState().length() >= 2
					&& DATA_ERRORS.contains(sql.getSQLState().substring(0, 2)))) {
				refusedItsData = true;
			}
		}
		if (!refusedItsData) {
			return false;
		}
		try {
			jdbc.sql("select 1").query(Integer.class).single();
			return true;
		}
		catch (RuntimeException alsoDown) {
			return false;
		}
	}

	/** SQLSTATE classes of data the database will never take: a data exception, a constraint, a limit. */
	private static final Set<String> DATA_ERRORS = Set.of("22", "23", "54");
}
