package app.lantern.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small TCP front for several instances of checkin-service, as a load balancer would be: each connection
 * goes to the next instance in turn, and to the one after when that one does not answer (a dead instance is
 * skipped). Staff sessions live in PostgreSQL, so a browser may land on any instance.
 */
public final class RoundRobinFront implements AutoCloseable {

	private final ServerSocket server;

	private final List<Integer> backends;

	private final AtomicInteger next = new AtomicInteger();

	private RoundRobinFront(ServerSocket server, List<Integer> backends) {
		this.server = server;
		this.backends = backends;
	}

	public static RoundRobinFront start(int port, List<Integer> backends) throws IOException {
		ServerSocket server = new ServerSocket();
		server.setReuseAddress(true);
		server.bind(new InetSocketAddress("localhost", port));
		RoundRobinFront front = new RoundRobinFront(server, List.copyOf(backends));
		Thread acceptor = new Thread(front::accept, "round-robin-front");
		acceptor.setDaemon(true);
		acceptor.start();
		return front;
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				Thread connection = new Thread(() -> forward(client), "front-connection");
				connection.setDaemon(true);
				connection.start();
			}
			catch (IOException closed) {
				return;
			}
		}
	}

	private void forward(Socket client) {
		Socket backend = connect();
		if (backend == null) {
			close(client);
			return;
		}
		Thread back = new Thread(() -> pipe(backend, client), "front-back");
		back.setDaemon(true);
		back.start();
		pipe(client, backend);
		try {
			back.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			close(client);
			close(backend);
		}
	}

	private Socket connect() {
		int first = Math.floorMod(next.getAndIncrement(), backends.size());
		for (int i = 0; i < backends.size(); i++) {
			int port = backends.get((first + i) % backends.size());
			Socket socket = new Socket();
			try {
				socket.connect(new InetSocketAddress("localhost", port), 1_000);
				return socket;
			}
			catch (IOException down) {
				close(socket);
			}
		}
		return null;
	}

	/** Copies one direction until it ends, then passes the end on (a half-close), or cuts both on an error. */
	private static void pipe(Socket from, Socket to) {
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			in.transferTo(out);
			to.shutdownOutput();
		}
		catch (IOException ended) {
			close(from);
			close(to);
		}
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ignored) {
			// closing anyway
		}
	}

	@Override
	public void close() {
		try {
			server.close();
		}
		catch (IOException ignored) {
			// closing anyway
		}
	}
}
