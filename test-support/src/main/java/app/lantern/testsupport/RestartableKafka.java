package app.lantern.testsupport;

import java.io.IOException;
import java.nio.file.Path;

import app.lantern.local.KafkaBroker;
import app.lantern.local.Ports;
import app.lantern.local.ScratchDirectories;

/**
 * A real Kafka broker in its own process, for the tests that take the broker away: {@link #stop()} shuts it
 * down, {@link #start()} brings the same cluster back on the same port with its data.
 */
public final class RestartableKafka implements AutoCloseable {

	private final Path directory;

	private final int port;

	private KafkaBroker broker;

	private RestartableKafka(Path directory, int port) {
		this.directory = directory;
		this.port = port;
	}

	public static RestartableKafka started() {
		try {
			RestartableKafka kafka = new RestartableKafka(ScratchDirectories.create("restartable-kafka"), Ports.freePair());
			kafka.start();
			Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "restartable-kafka-stop"));
			return kafka;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public synchronized void start() {
		if (broker != null) {
			return;
		}
		try {
			broker = KafkaBroker.start(System.getProperty("java.class.path"), directory, port, false);
		}
		catch (Exception ex) {
			throw new IllegalStateException("the broker did not start; see " + directory.resolve("kafka.log"), ex);
		}
	}

	public synchronized void stop() {
		if (broker != null) {
			broker.stop();
			broker = null;
		}
	}

	/** The broker stops answering (SIGSTOP): connections stay open, and nothing comes back, until {@link #thaw()}. */
	public synchronized void freeze() {
		Freezing.freeze(broker.processHandle());
	}

	public synchronized void thaw() {
		Freezing.thaw(broker.processHandle());
	}

	public String bootstrapServers() {
		return "localhost:" + port;
	}

	@Override
	public void close() {
		stop();
	}
}
