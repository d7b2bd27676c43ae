package app.lantern.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL from zonky's embedded binaries (real PostgreSQL, unpacked from Maven Central) with its data in
 * the stack's folder, a login role for the services and one database per service.
 */
public final class LocalPostgres {

	public static final String USER = "lantern";

	public static final String PASSWORD = "lantern";

	private final EmbeddedPostgres server;

	private final int port;

	private LocalPostgres(EmbeddedPostgres server, int port) {
		this.server = server;
		this.port = port;
	}

	public static LocalPostgres start(Path directory, int port) throws IOException, SQLException {
		return start(directory, port, false);
	}

	/**
	 * {@code durable}: {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on, as in production
	 * (the embedded server turns them off for speed; the benchmarks turn them back on).
	 */
	public static LocalPostgres start(Path directory, int port, boolean durable) throws IOException, SQLException {
		Files.createDirectories(directory);
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(directory)
			.setCleanDataDirectory(false)
			.setPort(port);
		if (durable) {
			builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on");
		}
		EmbeddedPostgres server = builder.start();
		try (Connection connection = server.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			if (!exists(statement, "select 1 from pg_roles where rolname = '" + USER + "'")) {
				statement.execute("create role " + USER + " login password '" + PASSWORD + "'");
			}
			for (String database : new String[] { "lantern_checkin", "lantern_notifier" }) {
				if (!exists(statement, "select 1 from pg_database where datname = '" + database + "'")) {
					statement.execute("create database " + database + " owner " + USER);
				}
			}
		}
		return new LocalPostgres(server, port);
	}

	private static boolean exists(Statement statement, String query) throws SQLException {
		try (ResultSet result = statement.executeQuery(query)) {
			return result.next();
		}
	}

	int port() {
		return port;
	}

	public String url(String database) {
		return "jdbc:postgresql://localhost:" + port + "/" + database;
	}

	public void stop() {
		try {
			server.close();
		}
		catch (IOException ex) {
			LocalStack.say("PostgreSQL did not stop cleanly: " + ex.getMessage());
		}
	}
}
