package app.lantern.testsupport;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/** Spring Boot's connection details for a test database, as user {@code postgres} with no password. */
public final class Databases {

	private Databases() {
	}

	public static JdbcConnectionDetails at(String jdbcUrl) {
		return new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return "postgres";
			}

			@Override
			public String getPassword() {
				return "";
			}

			@Override
			public String getJdbcUrl() {
				return jdbcUrl;
			}
		};
	}
}
