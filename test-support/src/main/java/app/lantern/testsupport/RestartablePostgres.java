package app.lantern.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import app.lantern.local.Ports;
import app.lantern.local.ScratchDirectories;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL of its own, for the tests that take the database away: {@link #stop()} shuts the server
 * down, {@link #start()} brings it back on the same port with the same data.
 */
public final class RestartablePostgres implements AutoCloseable {

	private final Path directory;

	private final int port;

	private EmbeddedPostgres server;

	private RestartablePostgres(Path directory, int port) {
		this.directory = directory;
		this.port = port;
	}

	public static RestartablePostgres started() {
		try {
			RestartablePostgres postgres = new RestartablePostgres(ScratchDirectories.create("restartable-postgres"),
					Ports.freePair());
			postgres.start();
			Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "restartable-postgres-stop"));
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public synchronized void start() {
		if (server != null) {
			return;
		}
		try {
			server = EmbeddedPostgres.builder()
				.setPort(port)
				.setDataDirectory(directory)
				.setCleanDataDirectory(false)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not start in " + directory, ex);
		}
	}

	public synchronized void stop() {
		if (server != null) {
			try {
				server.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			server = null;
		}
	}

	/** The JDBC URL of the server's {@code postgres} database, the same before and after a restart. */
	public String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
	}

	@Override
	public void close() {
		stop();
	}
}
