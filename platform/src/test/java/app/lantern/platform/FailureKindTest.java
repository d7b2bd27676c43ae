package app.lantern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.stream.Stream;

import app.lantern.events.InvalidEventException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures wait, which go to the dead-letter topic at once, which are retried a few times. */
class FailureKindTest {

	static Stream<Arguments> failures() {
		return Stream.of(
				Arguments.of("not a valid event", new InvalidEventException("clientId is required"),
						FailureKind.UNREADABLE),
				Arguments.of("pool cannot reach PostgreSQL",
						new CannotGetJdbcConnectionException("down", new SQLException("refused", "08001")),
						FailureKind.PASSING),
				Arguments.of("transaction cannot start", new CannotCreateTransactionException("down"),
						FailureKind.PASSING),
				Arguments.of("server shutting down (57P01), wrapped by the listener",
						new ListenerExecutionFailedException("failed",
								new RuntimeException(new SQLException("terminating connection", "57P01"))),
						FailureKind.PASSING),
				Arguments.of("connection refused", new RuntimeException(new ConnectException("refused")),
						FailureKind.PASSING),
				Arguments.of("profile not yet seen", new FailureKind.NotYet("no profile yet"), FailureKind.PASSING),
				Arguments.of("a constraint violated: a bug, not a passing fault",
						new DataIntegrityViolationException("duplicate", new SQLException("dup", "23505")),
						FailureKind.OTHER),
				Arguments.of("a null pointer", new NullPointerException(), FailureKind.OTHER),
				Arguments.of("the outermost known kind in the chain decides",
						new CannotCreateTransactionException("x", new InvalidEventException("bad")),
						FailureKind.PASSING));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void kind(String what, Throwable failure, FailureKind expected) {
		assertThat(FailureKind.of(failure)).isEqualTo(expected);
	}
}
