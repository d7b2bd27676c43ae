package app.lantern.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The java of the launcher itself, for the child processes, and the options they run with. */
final class Java {

	private Java() {
	}

	static String executable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * The java and its heap: the serial collector (a handful of threads, for two cores and small heaps), a heap that
	 * starts small and grows as it is needed up to {@code max} (by default the JVM reserves a sixty-fourth of the
	 * machine's memory from the start — 384 MiB on 24 GiB — and fills its young generation before it collects once),
	 * then whatever {@code LANTERN_JAVA_OPTIONS} adds (later options win).
	 */
	static List<String> command(String max) {
		List<String> command = new ArrayList<>(List.of(executable(), "-Xms32m", "-Xmx" + max, "-XX:+UseSerialGC"));
		String extra = LocalStack.env("LANTERN_JAVA_OPTIONS", "");
		if (!extra.isBlank()) {
			command.addAll(Arrays.asList(extra.trim().split("\\s+")));
		}
		return command;
	}
}
