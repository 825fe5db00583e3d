package dev.steward.engine.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.steward.engine.ArchiveInvalid;
import dev.steward.engine.ArchiveListing;
import dev.steward.engine.ArchiveSource;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.RestoreCapability;
import dev.steward.engine.RestoreOptions;
import dev.steward.engine.TableRows;
import dev.steward.engine.ToolControl;
import dev.steward.engine.ToolFailed;

/**
 * Restores a SQLite backup by writing it beside the target under a temp name, checking it, fsyncing and
 * renaming it over the target atomically, so the target is either the old file or the new one. A "new
 * database" is a new file next to the connection's file.
 */
@Component
public class SqliteRestore implements RestoreCapability {

	private static final byte[] HEADER = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	@Override
	public EngineKind engine() {
		return EngineKind.SQLITE;
	}

	@Override
	public ArchiveListing inspect(ArchiveSource archive, ToolControl control) throws IOException {
		Path temp = Files.createTempFile("steward-sqlite-inspect-", ".db");
		try {
			try (InputStream in = archive.open()) {
				Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
			}
			return check(temp);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	private static ArchiveListing check(Path file) throws IOException {
		byte[] head;
		try (InputStream in = Files.newInputStream(file)) {
			head = in.readNBytes(HEADER.length);
		}
		if (!java.util.Arrays.equals(head, HEADER)) {
			throw new ArchiveInvalid("The archive is not a SQLite database file");
		}
		try (Connection c = SqliteBackupFiles.open(file, true)) {
			SqliteBackupFiles.checkIntegrity(c);
			List<String> tables = SqliteBackupFiles.tables(c);
			if (tables.isEmpty()) {
				throw new ArchiveInvalid("The SQLite archive holds no tables");
			}
			return new ArchiveListing(tables.size(), tables.stream().limit(20).map(t -> "TABLE " + t).toList());
		}
		catch (SQLException e) {
			throw new ArchiveInvalid("SQLite cannot read the archive: " + e.getMessage());
		}
	}

	@Override
	public void restore(ConnectionSpec target, ArchiveSource archive, RestoreOptions options, ToolControl control)
			throws IOException {
		Path file = SqliteBackupFiles.file(target);
		Path temp = file.resolveSibling("." + file.getFileName() + ".restore-" + UUID.randomUUID());
		try {
			try (InputStream in = archive.open()) {
				Files.copy(in, temp);
			}
			control.throwIfAborted();
			check(temp);
			try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
				ch.force(true);
			}
			// stale journal files of the old database must not be replayed onto the new one
			Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-wal"));
			Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-shm"));
			Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-journal"));
			try {
				Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	@Override
	public boolean databaseExists(ConnectionSpec server, String database) {
		return Files.exists(SqliteBackupFiles.sibling(server, database));
	}

	@Override
	public ConnectionSpec createDatabase(ConnectionSpec server, String database) {
		Path file = SqliteBackupFiles.sibling(server, database);
		return new ConnectionSpec(server.engine(), null, null, null, null, null, server.sslMode(), null, file.toString(),
				false, server.options());
	}

	@Override
	public void dropDatabase(ConnectionSpec server, String database) {
		try {
			Files.deleteIfExists(SqliteBackupFiles.sibling(server, database));
		}
		catch (IOException e) {
			throw new ToolFailed("Could not delete " + database + ": " + e.getMessage(), e);
		}
	}

	@Override
	public List<TableRows> countRows(ConnectionSpec spec) {
		try (Connection c = SqliteBackupFiles.open(SqliteBackupFiles.file(spec), true)) {
			return SqliteBackupFiles.counts(c);
		}
		catch (SQLException e) {
			throw new ToolFailed("Counting rows failed: " + e.getMessage(), e);
		}
	}
}
