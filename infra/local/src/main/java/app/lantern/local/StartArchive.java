package app.lantern.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A service's classes (and the local broker's) archived by a run of its own, so that later starts map them instead of
 * loading, verifying and linking them again: class-data sharing on Java 17 to 24 ({@code -XX:ArchiveClassesAtExit},
 * then {@code -XX:SharedArchiveFile}), the AOT cache on Java 25 and later ({@code -XX:AOTMode=record}, then
 * {@code -XX:AOTMode=create} once it stopped, then {@code -XX:AOTCache}). As Spring Boot describes it, the archive is
 * made from and used with the jar in its extracted form ({@code -Djarmode=tools extract}), kept beside the build in
 * {@code target/start-archive}, one per Java runtime version (an update of the JDK trains again).
 * <p>
 * The first start after a build is the training run: the service runs as usual and its archive is written when it
 * stops (Ctrl-C). A jar whose classes changed is extracted and trained again; one rebuilt from the same sources keeps
 * its archive (the jar's entries and their checksums are compared, not its time). An archive the JVM finds unusable
 * is ignored by the JVM with a warning, and the service starts as it would without one. Only the first instance of a
 * service writes the archive; {@code LANTERN_START_ARCHIVE=false} turns it off.
 */
final class StartArchive {

	private StartArchive() {
	}

	/** The options and jar to start the service with: {@code [-XX:..., -jar, jar]}. */
	static List<String> command(Path jar, boolean mayTrain) {
		List<String> plain = List.of("-jar", jar.toString());
		if (!enabled()) {
			return plain;
		}
		try {
			Path directory = jar.resolveSibling("start-archive");
			Path extracted = directory.resolve("app").resolve(jar.getFileName());
			Path stamp = directory.resolve("jar.sha256");
			String classes = jarFingerprint(jar);
			if (!Files.exists(extracted) || !Files.exists(stamp) || !Files.readString(stamp).equals(classes)) {
				if (!mayTrain) {
					return plain;
				}
				extract(jar, directory);
				Files.writeString(stamp, classes);
			}
			return archived(directory, List.of("-jar", extracted.toString()), jar.getFileName().toString(), mayTrain);
		}
		catch (IOException | InterruptedException ex) {
			return without(jar.getFileName().toString(), ex, plain);
		}
	}

	/**
	 * The options, class path and main class to start a program from the jars of {@code libs} with (the local
	 * stack's Kafka broker): {@code [-XX:..., -cp, libs/*, main]}, archived beside {@code libs} as a service is.
	 */
	static List<String> command(Path libs, String main) {
		List<String> plain = List.of("-cp", libs.resolve("*").toString(), main);
		if (!enabled()) {
			return plain;
		}
		try {
			Path directory = libs.resolveSibling("start-archive-" + main.substring(main.lastIndexOf('.') + 1).toLowerCase());
			Path stamp = directory.resolve("jars.sha256");
			String classes = fingerprint(libs);
			if (!Files.exists(stamp) || !Files.readString(stamp).equals(classes)) {
				ScratchDirectories.delete(directory);
				Files.createDirectories(directory);
				Files.writeString(stamp, classes);
			}
			return archived(directory, plain, main, true);
		}
		catch (IOException ex) {
			return without(main, ex, plain);
		}
	}

	private static boolean enabled() {
		return Boolean.parseBoolean(LocalStack.env("LANTERN_START_ARCHIVE", "true"));
	}

	private static List<String> without(String name, Exception ex, List<String> plain) {
		if (ex instanceof InterruptedException) {
			Thread.currentThread().interrupt();
		}
		LocalStack.say(name + " starts without an archive of its classes: " + ex.getMessage());
		return plain;
	}

	/** {@code launch} with the archive's options before it: using the archive, or training it. */
	private static List<String> archived(Path directory, List<String> launch, String name, boolean mayTrain)
			throws IOException {
		int feature = Runtime.version().feature();
		String runtime = Runtime.version().toString().replaceAll("[^0-9A-Za-z.]", "_");
		Path archive = directory.resolve("classes-java" + runtime + (feature >= 25 ? ".aot" : ".jsa"));
		Path configuration = AotCaches.configuration(archive);
		if (feature >= 25 && !Files.exists(archive) && Files.exists(configuration) && mayTrain) {
			// trained, but stopped before the cache was made of it
			AotCaches.make(new AotCaches.Training(launch, configuration, archive, name));
		}
		List<String> command = new ArrayList<>();
		if (Files.exists(archive) && Files.size(archive) > 0) {
			command.add((feature >= 25 ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive);
		}
		else if (mayTrain && feature >= 25) {
			Collections.addAll(command, "-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration);
			AotCaches.trained(new AotCaches.Training(launch, configuration, archive, name));
			LocalStack.say(name + ": a training run; its classes are archived when it stops");
		}
		else if (mayTrain) {
			command.add("-XX:ArchiveClassesAtExit=" + archive);
			LocalStack.say(name + ": a training run; its classes are archived when it stops");
		}
		command.addAll(launch);
		return command;
	}

	/** The jar's entries with their checksums, not their times (the build stamps some entries with the time). */
	private static String jarFingerprint(Path jar) throws IOException {
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (ZipEntry entry : Collections.list(zip.entries())) {
				digest.update((entry.getName() + ' ' + entry.getCrc() + ' ' + entry.getSize() + '\n')
					.getBytes(StandardCharsets.UTF_8));
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The jars of a folder: their names, sizes and times (a folder of a build's dependencies, copied as they are). */
	private static String fingerprint(Path libs) throws IOException {
		try (Stream<Path> jars = Files.list(libs)) {
			StringBuilder listing = new StringBuilder();
			for (Path jar : jars.sorted().toList()) {
				listing.append(jar.getFileName()).append(' ').append(Files.size(jar)).append(' ')
					.append(Files.getLastModifiedTime(jar).toMillis()).append('\n');
			}
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(listing.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void extract(Path jar, Path directory) throws IOException, InterruptedException {
		ScratchDirectories.delete(directory);
		Files.createDirectories(directory);
		Process extract = new ProcessBuilder(Java.executable(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
				"--destination", directory.resolve("app").toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(extract.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!extract.waitFor(2, TimeUnit.MINUTES) || extract.exitValue() != 0) {
			throw new IOException("extracting " + jar.getFileName() + " failed: " + output.strip());
		}
	}
}
