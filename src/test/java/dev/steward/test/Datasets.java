package dev.steward.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The public sample databases in {@code shared/datasets}, loaded into scratch databases with the engines'
 * own command-line clients (argument arrays, no shell), as a DBA would.
 */
public final class Datasets {

	private Datasets() {
	}

	public static Path dir() {
		Path configured = Path.of(System.getProperty("steward.datasets", "../shared/datasets"));
		return Files.isDirectory(configured) ? configured : Path.of("/work/shared/datasets");
	}

	/** Chinook into a PostgreSQL scratch database: everything after the script's {@code \c chinook}. */
	public static void chinookPostgres(ScratchDatabases.Scratch db) {
		try {
			List<String> lines = Files.readAllLines(dir().resolve("chinook/Chinook_PostgreSql.sql"), StandardCharsets.UTF_8);
			int start = 0;
			for (int i = 0; i < lines.size(); i++) {
				if (lines.get(i).startsWith("\\c chinook")) {
					start = i + 1;
					break;
				}
			}
			Path part = Files.createTempFile("chinook-pg-", ".sql");
			try {
				Files.write(part, lines.subList(start, lines.size()), StandardCharsets.UTF_8);
				psql(db, part);
			}
			finally {
				Files.deleteIfExists(part);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Pagila's schema (the PostgreSQL-15-loadable copy) into a scratch database. */
	public static void pagilaPostgres(ScratchDatabases.Scratch db) {
		psql(db, dir().resolve("pagila/pagila-schema-pg15.sql"));
	}

	/** Chinook into a MariaDB scratch database: the script without its own CREATE DATABASE / USE. */
	public static void chinookMariaDb(ScratchDatabases.Scratch db) {
		try {
			List<String> kept = new ArrayList<>();
			for (String line : Files.readAllLines(dir().resolve("chinook/Chinook_MySql.sql"), StandardCharsets.UTF_8)) {
				if (!line.startsWith("DROP DATABASE") && !line.startsWith("CREATE DATABASE") && !line.startsWith("USE ")) {
					kept.add(line);
				}
			}
			Path part = Files.createTempFile("chinook-my-", ".sql");
			try {
				Files.write(part, kept, StandardCharsets.UTF_8);
				run(new ProcessBuilder("mariadb", "--host=127.0.0.1", "--user=" + ScratchDatabases.MARIADB_USER,
						"--database=" + db.name()).redirectInput(part.toFile()), db.password());
			}
			finally {
				Files.deleteIfExists(part);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A private copy of the Chinook SQLite file. */
	public static Path chinookSqlite(Path dir) {
		try {
			Path copy = dir.resolve("chinook.sqlite");
			Files.copy(dir().resolve("chinook/Chinook_Sqlite.sqlite"), copy, StandardCopyOption.REPLACE_EXISTING);
			copy.toFile().setWritable(true);
			return copy;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public static void psql(ScratchDatabases.Scratch db, Path file) {
		run(new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--host=127.0.0.1",
				"--username=" + db.user(), "--dbname=" + db.name(), "--file=" + file), db.password());
	}

	private static void run(ProcessBuilder pb, String password) {
		if (!password.isEmpty()) {
			pb.environment().put("PGPASSWORD", password);
			pb.environment().put("MYSQL_PWD", password);
		}
		pb.redirectErrorStream(true);
		try {
			Path log = Files.createTempFile("dataset-load-", ".log");
			pb.redirectOutput(log.toFile());
			Process p = pb.start();
			if (!p.waitFor(120, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new IllegalStateException("loading timed out: " + pb.command());
			}
			String output = Files.readString(log);
			Files.deleteIfExists(log);
			if (p.exitValue() != 0) {
				throw new IllegalStateException("loading failed: " + pb.command() + "\n" + output);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
