package app.lantern.checkin.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
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
 * Where a crisis waits when it cannot be stored: the database (or the database and the broker) is down, and
 * the person has already been answered with crisis resources. One file per crisis in a local directory,
 * written whole (a temporary file, forced to disk, then renamed); {@link CrisisReplay} stores each once the
 * database is back, and only then deletes it. Storing is idempotent (by MessageSid or form submission), so a
 * crash between the two stores nothing twice.
 */
@Component
public class CrisisSpool {

	private static final Logger log = LoggerFactory.getLogger(CrisisSpool.class);

	private final Path directory;

	CrisisSpool(CheckinProperties properties, MeterRegistry meters) throws IOException {
		this.directory = Files.createDirectories(Path.of(properties.intake().spoolDir()));
		Gauge.builder("lantern.intake.spooled", this, CrisisSpool::size)
			.description("crises answered while they could not be stored, waiting for the database")
			.register(meters);
	}

	/**
	 * A crisis as it arrived. {@code from}, {@code body} and {@code messageSid} for an SMS; {@code linkToken}
	 * and {@code submission} for the web page's button.
	 */
	public record Spooled(UUID id, String channel, Instant receivedAt, String from, String body, String messageSid,
			String linkToken, String submission) {

		public static Spooled sms(String from, String body, String messageSid, Instant receivedAt) {
			return new Spooled(UUID.randomUUID(), "SMS", receivedAt, from, body, messageSid, null, null);
		}

		public static Spooled web(String linkToken, String submission, Instant receivedAt) {
			return new Spooled(UUID.randomUUID(), "WEB", receivedAt, null, null, null, linkToken, submission);
		}
	}

	/** Stores a spooled crisis of one channel, idempotently; throws while the database is still away. */
	public interface Store {

		String channel();

		void store(Spooled crisis);
	}

	public void spool(Spooled crisis) {
		Path target = directory.resolve(crisis.id() + ".json");
		Path temporary = directory.resolve(crisis.id() + ".tmp");
		try {
			Files.write(temporary, EventJson.write(crisis), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
			try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
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

	private double size() {
		try {
			return waiting().size();
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}
}
