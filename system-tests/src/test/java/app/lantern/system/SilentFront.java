package app.lantern.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP front for a real server that can fall silent: while silent it accepts every connection and then says
 * nothing, ever (the worst a mail server can do: no refusal, no error, no answer); when it answers again, held
 * connections are dropped and new ones reach the server behind it.
 */
final class SilentFront implements AutoCloseable {

	private final ServerSocket front;

	private final int backPort;

	private final List<Socket> held = new CopyOnWriteArrayList<>();

	private volatile boolean silent;

	SilentFront(int backPort) throws IOException {
		this.front = new ServerSocket(0);
		this.backPort = backPort;
		Thread accepting = new Thread(this::accept, "silent-front");
		accepting.setDaemon(true);
		accepting.start();
	}

	int port() {
		return front.getLocalPort();
	}

	/** Holds every connection from now on without a word. */
	void fallSilent() {
		silent = true;
	}

	/** Answers again: what was held is dropped, new connections reach the server. */
	void answer() throws IOException {
		silent = false;
		for (Socket socket : held) {
			socket.close();
		}
		held.clear();
	}

	/** Connections accepted and held while silent. */
	int held() {
		return held.size();
	}

	private void accept() {
		while (!front.isClosed()) {
			try {
				Socket client = front.accept();
				if (silent) {
					held.add(client);
					continue;
				}
				Socket back = new Socket("localhost", backPort);
				pipe(client.getInputStream(), back.getOutputStream(), client, back);
				pipe(back.getInputStream(), client.getOutputStream(), client, back);
			}
			catch (IOException ex) {
				// closed, or the server behind is away: the client sees its connection end
			}
		}
	}

	private static void pipe(InputStream from, OutputStream to, Socket one, Socket other) {
		Thread copy = new Thread(() -> {
			try (one; other) {
				from.transferTo(to);
			}
			catch (IOException ex) {
				// either side closed
			}
		}, "silent-front-pipe");
		copy.setDaemon(true);
		copy.start();
	}

	@Override
	public void close() throws IOException {
		front.close();
		answer();
	}
}
