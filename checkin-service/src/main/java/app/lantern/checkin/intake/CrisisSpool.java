package app.lantern.checkin.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import app.lantern.checkin.CheckinProperties;
import app.lantern.events.EventJson;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where a crisis waits when it cannot be stored: the database (or the database and the broker) is down or hangs,
 * and the person has already been answered with crisis resources. One file per crisis in a local directory that
 * only the service's user can read, written whole (a temporary file, forced to disk, then renamed);
 * {@link CrisisReplay} stores each once the database is back, and only then deletes it. Storing is idempotent (by
 * MessageSid or form submission), so a crash between the two stores nothing twice.
 * <p>
 * It is bounded: each field is cut to what the live path accepts (a file is a few KiB at most), and past {@code
 * LANTERN_INTAKE_SPOOL_MAX_FILES} files a crisis is answered but not spooled (counted, logged at ERROR). A file
 * that can never be stored is moved {@link #setAside aside} so that it blocks none behind it.
 */
@Component
public class CrisisSpool {

	private static final Logger log = LoggerFactory.getLogger(CrisisSpool.class);

	/** The longest SMS Twilio delivers (ten segments); a longer body is cut. */
	static final int BODY_MAX = 1600;

	/** A phone number, a MessageSid, a link token, a form submission: the live path takes no longer. */
	static final int FIELD_MAX = 100;

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	private final Path directory;

	private final Path aside;

	private final int maxFiles;

	private final MeterRegistry meters;

	CrisisSpool(CheckinProperties properties, MeterRegistry meters) throws IOException {
		this.directory = ownerOnly(Files.createDirectories(Path.of(properties.intake().spoolDir())));
		this.aside = ownerOnly(Files.createDirectories(directory.resolve("aside")));
		this.maxFiles = properties.intake().spoolMaxFiles();
		this.meters = meters;
		Gauge.builder("lantern.intake.spooled", this, CrisisSpool::size)
			.description("crises answered while they could not be stored, waiting for the database")
			.register(meters);
		Gauge.builder("lantern.intake.spool.aside", this, spool -> spool.count(spool.aside))
			.description("spooled crises that could never be stored, set aside for an operator")
			.register(meters);
	}

	/**
	 * A crisis as it arrived. {@code from}, {@code body} and {@code messageSid} for an SMS; {@code linkToken}
	 * and {@code submission} for the web page's button.
	 */
	public record Spooled(UUID id, String channel, Instant receivedAt, String from, String body, String messageSid,
			String linkToken, String submission) {

		public static Spooled sms(String from, String body, String messageSid, Instant receivedAt) {
			return new Spooled(UUID.randomUUID(), "SMS", receivedAt, cut(from, FIELD_MAX), cut(body, BODY_MAX),
					cut(messageSid, FIELD_MAX), null, null);
		}

		/** A submission longer than the page makes is no key at all (as on the live path). */
		public static Spooled web(String linkToken, String submission, Instant receivedAt) {
			return new Spooled(UUID.randomUUID(), "WEB", receivedAt, null, null, null, cut(linkToken, FIELD_MAX),
					submission == null || submission.length() > FIELD_MAX ? null : submission);
		}

		private static String cut(String value, int max) {
			return value == null || value.length() <= max ? value : value.substring(0, max);
		}
	}

	/** Stores a spooled crisis of one channel, idempotently; throws while the database is still away. */
	public interface Store {

		String channel();

		void store(Spooled crisis);
	}

	/** Keeps {@code crisis} until it can be stored; throws when it cannot be kept (the spool is full, the disk fails). */
	public void spool(Spooled crisis) {
		if (waiting().size() >= maxFiles) {
			meters.counter("lantern.intake.spool.refused").increment();
			throw new IllegalStateException("the crisis spool holds " + maxFiles + " files already "
					+ "(LANTERN_INTAKE_SPOOL_MAX_FILES): is the database away for long?");
		}
		Path target = directory.resolve(crisis.id() + ".json");
		Path temporary = directory.resolve(crisis.id() + ".tmp");
		try {
			createOwnerOnly(temporary);
			try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				file.write(ByteBuffer.wrap(EventJson.write(crisis)));
				file.force(true);
			}
			try {
				Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, target);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		log.warn("A crisis ({}) could not be stored and waits in the spool for the database", crisis.channel());
	}

	List<Path> waiting() {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Spooled read(Path file) throws IOException {
		return EventJson.read(Files.readAllBytes(file), Spooled.class);
	}

	void done(Path file) throws IOException {
		Files.deleteIfExists(file);
	}

	/**
	 * Moves a file that can never be stored (it cannot be read, or the database refuses it while it answers) out of
	 * the way of the crises behind it, into {@code aside/}: counted, logged at ERROR, and alerted on — a person was
	 * answered with crisis resources and no one has been told yet.
	 */
	void setAside(Path file, String why) {
		try {
			Files.move(file, aside.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (NoSuchFileException alreadyMoved) {
			return;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		meters.counter("lantern.intake.spool.set.aside").increment();
		log.error("A spooled crisis can never be stored ({}) and was set aside: {}. Read it, raise the crisis by "
				+ "hand (the client's page or POST /api/checkins with crisis), then delete the file", why,
				aside.resolve(file.getFileName()));
	}

	private double size() {
		return count(directory);
	}

	private double count(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(file -> file.getFileName().toString().endsWith(".json")).count();
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	private static Path ownerOnly(Path folder) throws IOException {
		if (Files.getFileStore(folder).supportsFileAttributeView(PosixFileAttributeView.class)) {
			Files.setPosixFilePermissions(folder, OWNER_ONLY_DIRECTORY);
		}
		return folder;
	}

	private static void createOwnerOnly(Path file) throws IOException {
		if (Files.getFileStore(file.getParent()).supportsFileAttributeView(PosixFileAttributeView.class)) {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
		}
		else {
			Files.createFile(file);
		}
	}
}
