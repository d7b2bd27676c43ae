package app.lantern.local;

import java.nio.file.Path;

/** The java of the launcher itself, for the child processes. */
final class Java {

	private Java() {
	}

	static String executable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}
}
