package app.lantern.checkin.intake;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

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
				if (databaseAway(failed)) {
					log.debug("Spooled crises wait: {}", failed.toString());
					return;
				}
				spool.setAside(file, failed.getClass().getSimpleName() + " while the database answers");
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
	 * Whether the failure is the database being away (down, hanging, out of connections) rather than this crisis:
	 * by its kind, or — for anything else — by the database failing a trivial query too. Only a failure the database
	 * does not share sets a file aside.
	 */
	private boolean databaseAway(RuntimeException failed) {
		for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
			if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof RecoverableDataAccessException || cause instanceof CannotCreateTransactionException
					|| cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
					|| cause instanceof SocketTimeoutException || cause instanceof ConnectException
					|| (cause instanceof SQLException sql && sql.getSQLState() != null
							&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57")
									|| sql.getSQLState().startsWith("53")))) {
				return true;
			}
		}
		try {
			jdbc.sql("select 1").query(Integer.class).single();
			return false;
		}
		catch (RuntimeException alsoDown) {
			return true;
		}
	}
}
