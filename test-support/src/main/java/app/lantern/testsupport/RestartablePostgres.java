package app.lantern.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import app.lantern.local.Ports;
import app.lantern.local.ScratchDirectories;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL of its own, for the tests that take the database away: {@link #stop()} shuts the server
 * down, {@link #start()} brings it back on the same port with the same data; {@link #freeze()} makes it hang (its
 * processes stopped with SIGSTOP: connections open, no answer) until {@link #thaw()}.
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

	/** The server and every backend stop answering: open connections hang, and new ones wait. */
	public synchronized void freeze() {
		Freezing.freeze(postmaster());
	}

	public synchronized void thaw() {
		Freezing.thaw(postmaster());
	}

	/** The server's main process, as its data directory names it (the first line of postmaster.pid). */
	private ProcessHandle postmaster() {
		try {
			long pid = Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid")).get(0).strip());
			return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The JDBC URL of a database of this name on the server, created if it is not there yet. */
	public synchronized String databaseUrl(String name) {
		String database = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
		try (Connection connection = DriverManager.getConnection(jdbcUrl());
				Statement statement = connection.createStatement()) {
			try (ResultSet existing = statement
				.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
				if (!existing.next()) {
					statement.execute("create database " + database);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create database " + database, ex);
		}
		return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
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
