package app.lantern.local;

import java.io.IOException;
import java.net.ServerSocket;

/** Free ports on this machine, for brokers and services started by tests and benchmarks. */
public final class Ports {

	private Ports() {
	}

	/** A free port whose next port is free too: a broker takes one for itself and the next for its controller. */
	public static int freePair() throws IOException {
		for (int attempt = 0; attempt < 20; attempt++) {
			int candidate;
			try (ServerSocket socket = new ServerSocket(0)) {
				candidate = socket.getLocalPort();
			}
			try (ServerSocket next = new ServerSocket(candidate + 1)) {
				return candidate;
			}
			catch (IOException taken) {
				// draw again
			}
		}
		throw new IOException("no two adjacent free ports");
	}
}
