package app.lantern.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Temporary directories for the brokers, databases, state stores and processes that tests and benchmarks start,
 * deleted with everything in them when the JVM that made them exits. A benchmark's broker and state stores come to
 * 2 GB a run; left behind, a few runs fill a developer's disk (and once filled this machine's mid-build).
 */
public final class ScratchDirectories {

	private static final Set<Path> MADE = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> MADE.forEach(ScratchDirectories::delete),
				"scratch-directories"));
	}

	private ScratchDirectories() {
	}

	/** A new directory under the system's temporary directory, named from {@code prefix}, gone at exit. */
	public static Path create(String prefix) throws IOException {
		Path directory = Files.createTempDirectory(prefix);
		MADE.add(directory);
		return directory;
	}

	/** Deletes {@code directory} and everything in it now, as far as it can (what is still open may stay). */
	public static void delete(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException stillInUse) {
					// a file a process still holds: the rest goes
				}
			});
		}
		catch (IOException | UncheckedIOException gone) {
			// deleted meanwhile, or unreadable: nothing more to do
		}
		MADE.remove(directory);
	}
}
