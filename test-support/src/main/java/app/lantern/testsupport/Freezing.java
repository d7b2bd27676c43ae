package app.lantern.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A process that hangs rather than dies, as a stalled disk, a lock or a network partition makes a server: SIGSTOP on
 * it and every process under it — connections stay open, and nothing answers — and SIGCONT to let it go on.
 */
final class Freezing {

	private Freezing() {
	}

	static void freeze(ProcessHandle root) {
		signal("-STOP", root);
	}

	static void thaw(ProcessHandle root) {
		signal("-CONT", root);
	}

	private static void signal(String signal, ProcessHandle root) {
		List<String> command = new ArrayList<>(List.of("kill", signal));
		Stream.concat(Stream.of(root), root.descendants()).forEach(process -> command.add(String.valueOf(process.pid())));
		try {
			Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("could not " + signal + " " + command + ": "
						+ new String(kill.getInputStream().readAllBytes()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
