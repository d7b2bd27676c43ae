package app.lantern.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The AOT caches of Java 25 and later, in the two steps of Java 24 rather than {@code -XX:AOTCacheOutput}'s one: the
 * training run records what it loads ({@code -XX:AOTMode=record}), and once it has stopped a JVM of the launcher's
 * makes the cache from the recording ({@code -XX:AOTMode=create}, about 8 s each). With the one step, the JVM that a
 * service's exit starts to make its cache did not outlive the local stack's stop, and no cache was left.
 */
final class AotCaches {

	/** This start's training runs. */
	private static final Queue<Training> TRAINED = new ConcurrentLinkedQueue<>();

	private AotCaches() {
	}

	static void trained(Training training) {
		TRAINED.add(training);
	}

	/** A training run: how the program starts, what it records, the cache to make, what to call it. */
	record Training(List<String> launch, Path configuration, Path archive, String name) {
	}

	/** Once everything stopped: the caches of this start's training runs, made side by side. */
	static void makeTrained() {
		List<Thread> assembling = new ArrayList<>();
		for (Training trained; (trained = TRAINED.poll()) != null;) {
			Training training = trained;
			if (Files.exists(training.configuration())) {
				Thread thread = new Thread(() -> make(training), "aot-cache");
				thread.start();
				assembling.add(thread);
			}
		}
		for (Thread thread : assembling) {
			try {
				thread.join(TimeUnit.MINUTES.toMillis(3));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	static void make(Training training) {
		Path configuration = training.configuration();
		Path archive = training.archive();
		String name = training.name();
		try {
			LocalStack.say("making the AOT cache of " + name + " from its training run");
			List<String> command = new ArrayList<>(Java.command("512m"));
			Collections.addAll(command, "-XX:AOTMode=create", "-XX:AOTConfiguration=" + configuration,
					"-XX:AOTCache=" + archive);
			command.addAll(training.launch());
			Process create = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!create.waitFor(3, TimeUnit.MINUTES) || create.exitValue() != 0) {
				create.destroyForcibly();
				Files.deleteIfExists(archive);
				LocalStack.say("the AOT cache of " + name + " could not be made; it starts without one");
			}
			Files.deleteIfExists(configuration);
		}
		catch (IOException | InterruptedException ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			LocalStack.say("the AOT cache of " + name + " could not be made: " + ex.getMessage());
		}
	}

	static Path configuration(Path archive) {
		return archive.resolveSibling(archive.getFileName() + ".config");
	}

}
