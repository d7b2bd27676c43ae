package app.lantern.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose output is printed with a prefix and kept in a log file. It runs in a session of its
 * own ({@code setsid}), so Ctrl-C reaches only the launcher, which then stops the children in order.
 */
final class ChildProcess {

	private final String prefix;

	private final Process process;

	private ChildProcess(String prefix, Process process) {
		this.prefix = prefix;
		this.process = process;
	}

	static ChildProcess start(String prefix, List<String> command, Map<String, String> environment, Path log)
			throws IOException {
		return start(prefix, command, environment, log, true);
	}

	static ChildProcess start(String prefix, List<String> command, Map<String, String> environment, Path log,
			boolean echo) throws IOException {
		Files.createDirectories(log.getParent());
		List<String> full = new ArrayList<>();
		if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
			full.add("/usr/bin/setsid");
		}
		full.addAll(command);
		ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
		builder.environment().putAll(environment);
		Process process = builder.start();
		String label = String.format("[%-8s] ", prefix);
		Thread pump = new Thread(() -> pump(process, echo ? label : null, log), prefix + "-log");
		pump.setDaemon(true);
		pump.start();
		return new ChildProcess(prefix, process);
	}

	private static void pump(Process process, String label, Path log) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
						StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (label != null) {
					System.out.println(label + line);
				}
				file.println(line);
				file.flush();
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

	long pid() {
		return process.pid();
	}

	boolean isAlive() {
		return process.isAlive();
	}

	/** The process (and through it, its children): for a test that freezes it. */
	ProcessHandle handle() {
		return process.toHandle();
	}

	/** SIGKILL, and waits until the process is gone. */
	void kill() {
		try {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** SIGTERM: Spring Boot and Kafka shut down gracefully on it. */
	void requestStop() {
		process.destroy();
	}

	void awaitStop(Duration timeout) {
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				LocalStack.say(prefix + " did not stop in " + timeout.toSeconds() + " s; killing it");
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}
}
