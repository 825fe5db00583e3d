package dev.steward.engine.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.steward.engine.ArchiveInvalid;
import dev.steward.engine.ArchiveListing;
import dev.steward.engine.ArchiveSource;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.DatabaseFiles;
import dev.steward.engine.EngineKind;
import dev.steward.engine.FileRefused;
import dev.steward.engine.RestoreCapability;
import dev.steward.engine.RestoreOptions;
import dev.steward.engine.TableRows;
import dev.steward.engine.ToolControl;
import dev.steward.engine.ToolFailed;

/**
 * Restores a SQLite backup by writing it beside the target under a temp name (mode 0600), checking it, fsyncing
 * and renaming it over the target atomically, so the target is either the old file or the new one. A "new
 * database" is a new file next to the connection's file. Every file it creates, replaces or deletes is first
 * confined by {@link DatabaseFiles} (allowed directories only, symlinks followed) and, if it exists, must be a
 * SQLite database: a restore never replaces anything else.
 */
@Component
public class SqliteRestore implements RestoreCapability {

	private static final byte[] HEADER = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions
		.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

	private final DatabaseFiles files;

	public SqliteRestore(DatabaseFiles files) {
		this.files = files;
	}

	@Override
	public EngineKind engine() {
		return EngineKind.SQLITE;
	}

	@Override
	public ArchiveListing inspect(ArchiveSource archive, ToolControl control) throws IOException {
		Path temp = Files.createTempFile("steward-sqlite-inspect-", ".db", OWNER_ONLY);
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
		if (!hasHeader(file)) {
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

	private static boolean hasHeader(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
			return Arrays.equals(in.readNBytes(HEADER.length), HEADER);
		}
	}

	/**
	 * The real path of a database file this restore may create or replace: confined, and if something is there
	 * already it is a regular file with SQLite's header (never a key, a backup or any other file).
	 */
	private Path writable(Path file) {
		Path real;
		try {
			real = files.confine(file);
		}
		catch (FileRefused e) {
			throw new FileRefused("the database file " + file.getFileName() + " " + e.getMessage());
		}
		if (!Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
			return real;
		}
		if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
			throw new FileRefused(file.getFileName() + " exists and is not a regular file");
		}
		try {
			if (!hasHeader(real)) {
				throw new FileRefused(file.getFileName() + " exists and is not a SQLite database; it was left alone");
			}
		}
		catch (IOException e) {
			throw new FileRefused(file.getFileName() + " cannot be read: " + e.getMessage());
		}
		return real;
	}

	@Override
	public void restore(ConnectionSpec target, ArchiveSource archive, RestoreOptions options, ToolControl control)
			throws IOException {
		Path file = writable(SqliteBackupFiles.file(target));
		Path dir = file.getParent();
		Path temp = dir.resolve("." + file.getFileName() + ".restore-" + UUID.randomUUID());
		try {
			try (InputStream in = archive.open();
					FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
							OWNER_ONLY)) {
				in.transferTo(Channels.newOutputStream(ch));
				ch.force(true);
			}
			control.throwIfAborted();
			check(temp);
			// checked again just before the rename: what is there now is still a SQLite file in an allowed place
			if (!writable(file).equals(file)) {
				throw new FileRefused(file.getFileName() + " moved during the restore; it was left alone");
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
			syncDirectory(dir);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	/** The rename itself survives a crash only once the directory is on disk. */
	private static void syncDirectory(Path dir) {
		try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
			ch.force(true);
		}
		catch (IOException e) {
			// not every file system lets a directory be opened; the file itself is already synced
		}
	}

	@Override
	public boolean databaseExists(ConnectionSpec server, String database) {
		return Files.exists(sibling(server, database), LinkOption.NOFOLLOW_LINKS);
	}

	@Override
	public ConnectionSpec createDatabase(ConnectionSpec server, String database) {
		Path file = writable(sibling(server, database));
		return new ConnectionSpec(server.engine(), null, null, null, null, null, server.sslMode(), null, file.toString(),
				false, server.options());
	}

	@Override
	public String scratchName(String base) {
		return base + ".db";
	}

	@Override
	public void dropDatabase(ConnectionSpec server, String database) {
		try {
			Files.deleteIfExists(writable(sibling(server, database)));
		}
		catch (IOException | FileRefused e) {
			throw new ToolFailed("Could not delete " + database + ": " + e.getMessage(), e);
		}
	}

	private static Path sibling(ConnectionSpec server, String database) {
		try {
			return SqliteBackupFiles.sibling(server, database);
		}
		catch (IllegalArgumentException e) {
			throw new FileRefused(String.valueOf(e.getMessage()));
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
