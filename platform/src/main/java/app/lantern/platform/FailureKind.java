package app.lantern.platform;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import app.lantern.events.InvalidEventException;
import tools.jackson.core.JacksonException;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * What kind of failure a listener met, which decides what becomes of its record: an {@link #UNREADABLE} record
 * can never succeed and goes to the dead-letter topic at once; a {@link #PASSING} failure (the database or the
 * broker away, something not arrived yet) may succeed later, so the record waits as long as it takes; any
 * {@link #OTHER} failure (a bug) is tried a few times and then dead-lettered, so it never stalls a partition.
 */
public enum FailureKind {

	UNREADABLE, PASSING, OTHER;

	/** SQLSTATE classes of a connection lost or refused, the server shutting down or short of resources. */
	private static final Set<String> PASSING_SQL_STATES = Set.of("08", "53", "57", "40");

	public static FailureKind of(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof InvalidEventException || cause instanceof DeserializationException
					|| cause instanceof JacksonException) {
				return UNREADABLE;
			}
			if (cause instanceof NotYet || cause instanceof TransientDataAccessException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof RecoverableDataAccessException
					|| cause instanceof CannotCreateTransactionException || cause instanceof RetriableException
					|| cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
					|| cause instanceof ConnectException || cause instanceof SocketTimeoutException
					|| (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
							&& PASSING_SQL_STATES.contains(sql.getSQLState().substring(0, 2)))) {
				return PASSING;
			}
		}
		return OTHER;
	}

	/**
	 * Thrown by a listener whose record must wait for something that has not happened yet (a profile not yet
	 * seen, a channel that rests): the record is tried again with back-off, never dead-lettered.
	 */
	public static class NotYet extends RuntimeException {

		public NotYet(String message) {
			super(message);
		}
	}
}
