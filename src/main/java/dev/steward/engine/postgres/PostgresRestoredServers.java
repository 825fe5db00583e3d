package dev.steward.engine.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.PhysicalBackupCapability.RecoveryTarget;
import dev.steward.engine.PhysicalBackupCapability.RestoredServer;
import dev.steward.engine.SslMode;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.ToolControl;
import dev.steward.engine.ToolFailed;
import dev.steward.engine.ToolUnavailable;

/**
 * A restored PostgreSQL server: recovery settings written into the unpacked base backup, then the server of the same
 * major version started on 127.0.0.1 only (as the {@code postgres} user through {@code setpriv} when Steward runs as
 * root, since PostgreSQL refuses root), and watched until recovery has ended and it accepts writes.
 */
final class PostgresRestoredServers {

	private static final Path SERVER_ROOT = Path.of("/usr/lib/postgresql");

	/** Replaying WAL can take long; beyond this the restore fails instead of waiting forever. */
	private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(30);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS'+00'")
		.withZone(ZoneOffset.UTC);

	private final TargetAccess access;

	PostgresRestoredServers(TargetAccess access) {
		this.access = access;
	}

	void configure(Path dataDir, Path walDir, RecoveryTarget target) throws IOException {
		Files.deleteIfExists(dataDir.resolve("standby.signal"));
		Files.writeString(dataDir.resolve("recovery.signal"), "");
		if (!Files.exists(dataDir.resolve("postgresql.conf"))) {
			// a Debian-packaged server keeps its configuration in /etc, outside the base backup
			Files.writeString(dataDir.resolve("postgresql.conf"), "# written by Steward for a restored instance\n");
		}
		if (!Files.exists(dataDir.resolve("pg_hba.conf"))) {
			Files.writeString(dataDir.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 scram-sha-256\n");
		}
		List<String> lines = new ArrayList<>();
		lines.add("");
		lines.add("# Steward point-in-time recovery");
		// PostgreSQL runs this itself; the directory is Steward's own (no client text in it)
		lines.add("restore_command = " + quote("cp \"" + walDir + "/%f\" \"%p\""));
		lines.add("archive_mode = 'off'");
		if (target.time() != null) {
			lines.add("recovery_target_time = " + quote(TIME.format(target.time())));
		}
		else if (target.lsn() != null) {
			lines.add("recovery_target_lsn = " + quote(target.lsn()));
		}
		else if (target.restorePoint() != null) {
			lines.add("recovery_target_name = " + quote(target.restorePoint()));
		}
		lines.add("recovery_target_action = 'promote'");
		Files.write(dataDir.resolve("postgresql.auto.conf"), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
	}

	private static String quote(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

	RestoredServer start(int major, Path dataDir, int port, ConnectionSpec login, Path log, ToolControl control)
			throws IOException {
		Path postgres = SERVER_ROOT.resolve(String.valueOf(major)).resolve("bin").resolve("postgres");
		if (!Files.isExecutable(postgres)) {
			throw new ToolUnavailable("No PostgreSQL " + major + " server binaries at " + postgres.getParent()
					+ "; install them (Debian/Ubuntu: apt-get install postgresql-" + major + ") to restore this server.");
		}
		Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
		boolean root = "root".equals(System.getProperty("user.name"));
		if (root) {
			run(List.of("chown", "-R", "postgres:postgres", dataDir.getParent().toString()));
		}
		List<String> command = new ArrayList<>();
		if (root) {
			command.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
		}
		command.addAll(List.of(postgres.toString(), "-D", dataDir.toString(), "-p", String.valueOf(port), "-c",
				"listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "logging_collector=off", "-c",
				"hba_file=" + dataDir.resolve("pg_hba.conf"), "-c", "ident_file=" + dataDir.resolve("pg_ident.conf")));
		ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
		Process process = pb.start();
		control.register(process);
		try {
			return new RestoredServer(process, awaitPromoted(process, port, login, log, control));
		}
		catch (RuntimeException | IOException e) {
			ToolControl.destroyTree(process);
			throw e;
		}
	}

	private String awaitPromoted(Process process, int port, ConnectionSpec login, Path log, ToolControl control)
			throws IOException {
		ConnectionSpec local = new ConnectionSpec(login.engine(), "127.0.0.1", port,
				login.database() == null ? "postgres" : login.database(), login.username(), login.password(),
				SslMode.DISABLE, null, null, false, Map.of());
		long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
		String last = "not started";
		while (System.nanoTime() < deadline) {
			control.throwIfAborted();
			if (!process.isAlive()) {
				throw new ToolFailed("The restored server stopped during recovery: " + tail(log));
			}
			try (Connection c = PostgresBackupSupport.connect(local, access); Statement s = c.createStatement();
					ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text")) {
				rs.next();
				if (!rs.getBoolean(1)) {
					return String.valueOf(rs.getString(2));
				}
				last = "still recovering";
			}
			catch (SQLException | RuntimeException e) {
				last = String.valueOf(e.getMessage());
			}
			sleep();
		}
		throw new ToolFailed("The restored server did not finish recovery within " + RECOVERY_LIMIT.toMinutes()
				+ " minutes (" + last + "): " + tail(log));
	}

	private static void sleep() {
		try {
			Thread.sleep(300);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ToolFailed("Interrupted while waiting for the restored server");
		}
	}

	static String tail(Path log) {
		try {
			String text = Files.readString(log);
			return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
		}
		catch (IOException e) {
			return "(no server log)";
		}
	}

	private static void run(List<String> command) throws IOException {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
				p.destroyForcibly();
				throw new ToolFailed(command.get(0) + " failed: " + out);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ToolFailed("Interrupted while preparing the restored server");
		}
	}
}
