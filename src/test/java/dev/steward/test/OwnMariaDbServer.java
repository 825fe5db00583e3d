package dev.steward.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB server of the machine's own binaries in a temp directory ({@code mariadb-install-db}, then
 * {@code mariadbd}) on a free port, for tests that need server options the shared server at 3306 must keep (TLS,
 * binlog). Root without a password over TCP; argument arrays only. Close stops it and deletes the directory.
 */
public final class OwnMariaDbServer implements AutoCloseable {

	private final Path dir;

	private final Process server;

	private final int port;

	private OwnMariaDbServer(Path dir, Process server, int port) {
		this.dir = dir;
		this.server = server;
		this.port = port;
	}

	/** Starts a fresh server with the given {@code --name=value} options and waits until it answers. */
	public static OwnMariaDbServer start(String... options) throws Exception {
		Path dir = Files.createTempDirectory("steward-mariadb-own-");
		boolean root = "root".equals(System.getProperty("user.name"));
		Path data = dir.resolve("data");
		List<String> install = new ArrayList<>(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + data,
				"--auth-root-authentication-method=normal", "--skip-test-db"));
		if (root) {
			install.add("--user=root");
		}
		run(install);
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>(List.of("/usr/sbin/mariadbd", "--no-defaults", "--datadir=" + data,
				"--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mysqld.sock"),
				"--pid-file=" + dir.resolve("mysqld.pid"), "--log-error=" + dir.resolve("server.log"),
				"--innodb-flush-log-at-trx-commit=0", "--skip-name-resolve"));
		if (root) {
			command.add("--user=root");
		}
		command.addAll(List.of(options));
		Process server = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(dir.resolve("stdout.log").toFile())
			.start();
		OwnMariaDbServer own = new OwnMariaDbServer(dir, server, port);
		try {
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
				assertThat(server.isAlive()).as(own::log).isTrue();
				try (Connection c = own.connect()) {
					return c.isValid(2);
				}
			});
		}
		catch (RuntimeException | AssertionError e) {
			own.close();
			throw e;
		}
		return own;
	}

	public int port() {
		return port;
	}

	public Connection connect() throws SQLException {
		return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/?sslMode=disable", "root", "");
	}

	public String log() {
		try {
			return Files.readString(dir.resolve("server.log"));
		}
		catch (IOException e) {
			return "no server log";
		}
	}

	@Override
	public void close() throws Exception {
		server.destroy(); // SIGTERM: a normal shutdown
		if (!server.waitFor(30, TimeUnit.SECONDS)) {
			server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}

	private static void run(List<String> command) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes());
		assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(p.exitValue()).as(command.get(0) + ": " + out).isZero();
	}
}
