package dev.steward.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.steward.test.TestApi;
import tools.jackson.databind.node.ObjectNode;

/** Small helpers shared by the connection integration tests. */
final class ConnectionTesting {

	private ConnectionTesting() {
	}

	static ObjectNode json() {
		return TestApi.JSON.createObjectNode();
	}

	/** Chinook as SQLite from the shared datasets (see COMMON.md for where they live). */
	static java.nio.file.Path chinook() {
		java.nio.file.Path base = java.nio.file.Path.of(System.getProperty("steward.datasets", "../shared/datasets"));
		if (!java.nio.file.Files.isDirectory(base)) {
			base = java.nio.file.Path.of("/work/shared/datasets");
		}
		return base.resolve("chinook").resolve("Chinook_Sqlite.sqlite");
	}

	/** A port nobody listens on: bound, then closed. */
	static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Accepts connections and never says a word: drivers wait for a greeting until their timeout. */
	static final class SilentServer implements AutoCloseable {

		private final ServerSocket socket;

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		private final java.util.concurrent.atomic.AtomicInteger openByPeer = new java.util.concurrent.atomic.AtomicInteger();

		SilentServer() throws IOException {
			socket = new ServerSocket();
			socket.bind(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
			Thread.ofVirtual().start(() -> {
				while (!socket.isClosed()) {
					try {
						Socket s = socket.accept();
						accepted.add(s);
						openByPeer.incrementAndGet();
						// reads until the peer closes: counts the connections the client still holds open
						Thread.ofVirtual().start(() -> {
							try (var in = s.getInputStream()) {
								while (in.read() >= 0) {
									// a greeting or TLS request: still silent
								}
							}
							catch (IOException ignored) {
								// closed by us
							}
							openByPeer.decrementAndGet();
						});
					}
					catch (IOException e) {
						return;
					}
				}
			});
		}

		/** Accepted connections the client has not closed yet. */
		int openByPeer() {
			return openByPeer.get();
		}

		int port() {
			return socket.getLocalPort();
		}

		@Override
		public void close() throws IOException {
			socket.close();
			for (Socket s : accepted) {
				s.close();
			}
		}
	}
}
