package dev.steward.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * A PostgreSQL server of the machine's own binaries ({@code /usr/lib/postgresql/15/bin}) in a temp directory on a
 * free port, for tests that need server settings the shared server at 5432 must keep (e.g.
 * {@code shared_preload_libraries}). PostgreSQL refuses to run as root, so as root it runs as the {@code postgres}
 * user through {@code setpriv}; argument arrays only, no shell. Close stops it and deletes the directory.
 */
public final class OwnPostgresServer implements AutoCloseable {

	public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

	private final Path dir;

	private final Process server;

	private final int port;

	private OwnPostgresServer(Path dir, Process server, int port) {
		this.dir = dir;
		this.server = server;
		this.port = port;
	}

	/** Starts a fresh cluster with the given {@code -c name=value} settings and waits until it answers. */
	public static OwnPostgresServer start(String... settings) throws Exception {
		Path dir = Files.createTempDirectory("steward-pg-own-");
		boolean root = "root".equals(System.getProperty("user.name"));
		if (root) {
			run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
		}
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path data = dir.resolve("data");
		run(List.of(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
				"--no-sync", "--no-locale", "-E", "UTF8"), root);
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>(List.of(BIN.resolve("postgres").toString(), "-D", data.toString(), "-p",
				String.valueOf(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"));
		for (String setting : settings) {
			command.add("-c");
			command.add(setting);
		}
		Process server = new ProcessBuilder(asUser(command, root)).redirectErrorStream(true)
			.redirectOutput(dir.resolve("server.log").toFile())
			.start();
		OwnPostgresServer own = new OwnPostgresServer(dir, server, port);
		try {
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
				assertThat(server.isAlive()).as(own::log).isTrue();
				try (Connection c = own.connect("postgres")) {
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

	public Connection connect(String database) throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
	}

	/** Runs statements, each on its own, in {@code database}. */
	public void exec(String database, String... sql) throws SQLException {
		try (Connection c = connect(database); var s = c.createStatement()) {
			for (String statement : sql) {
				s.execute(statement);
			}
		}
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
		server.destroy(); // SIGTERM: a smart shutdown
		if (!server.waitFor(30, TimeUnit.SECONDS)) {
			server.descendants().forEach(ProcessHandle::destroyForcibly);
			server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}

	static List<String> asUser(List<String> command, boolean root) {
		if (!root) {
			return command;
		}
		// setpriv execs in place, so the Process is the server itself and SIGTERM reaches it
		List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups",
				"--"));
		wrapped.addAll(command);
		return wrapped;
	}

	static void run(List<String> command, boolean root) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(asUser(command, root)).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes());
		assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(p.exitValue()).as(command.get(0) + ": " + out).isZero();
	}
}
