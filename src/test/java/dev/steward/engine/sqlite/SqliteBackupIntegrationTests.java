package dev.steward.engine.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.steward.engine.ArchiveInvalid;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.DumpKind;
import dev.steward.engine.DumpOptions;
import dev.steward.engine.EngineKind;
import dev.steward.engine.FileRefused;
import dev.steward.engine.RestoreOptions;
import dev.steward.engine.SslMode;
import dev.steward.engine.ToolControl;
import dev.steward.engine.ToolFailed;
import dev.steward.engine.ToolUnavailable;
import dev.steward.test.BackupFixtures;

@org.junit.jupiter.api.Tag("target-only") // between Steward and a target: the metadata store plays no part
class SqliteBackupIntegrationTests {

	@TempDir
	Path dir;

	final SqliteDump dump = new SqliteDump();

	/** Confined to this test's directory, as the connection module confines to the allowed directories. */
	final SqliteRestore restore = new SqliteRestore(file -> {
		try {
			Path real = file.getParent().toRealPath().resolve(file.getFileName());
			if (Files.isSymbolicLink(real)) {
				real = real.toRealPath();
			}
			if (!real.startsWith(dir.toRealPath())) {
				throw new FileRefused("must be inside " + dir);
			}
			return real;
		}
		catch (java.io.IOException e) {
			throw new FileRefused("cannot be resolved");
		}
	});

	@Test
	void chinookRoundTripsIntoANewFileAndOverTheOriginal() throws Exception {
		Path db = dir.resolve("chinook.db");
		Files.copy(BackupFixtures.datasets().resolve("chinook/Chinook_Sqlite.sqlite"), db);
		ConnectionSpec spec = spec(db);
		Path archive = dir.resolve("chinook.backup");
		try (OutputStream out = Files.newOutputStream(archive)) {
			assertThat(dump.dump(spec, DumpOptions.of(DumpKind.FULL, dir.resolve("work")), out, new ToolControl()).tables())
				.hasSize(11);
		}
		assertThat(restore.inspect(() -> Files.newInputStream(archive), new ToolControl()).entries()).isEqualTo(11);
		assertThat(restore.databaseExists(spec, "copy.db")).isFalse();
		ConnectionSpec copy = restore.createDatabase(spec, "copy.db");
		restore.restore(copy, () -> Files.newInputStream(archive), new RestoreOptions(false, 1, dir), new ToolControl());
		assertThat(fingerprints(Path.of(copy.filePath()))).isEqualTo(fingerprints(db)).hasSize(11);
		// over the original: change it, restore, and the change is gone
		try (Connection c = SqliteBackupFiles.open(db, false)) {
			c.createStatement().execute("DELETE FROM Track");
		}
		restore.restore(spec, () -> Files.newInputStream(archive), new RestoreOptions(true, 1, dir), new ToolControl());
		assertThat(fingerprints(db)).isEqualTo(fingerprints(Path.of(copy.filePath())));
		assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
			.containsExactlyInAnyOrder("chinook.db", "chinook.backup", "copy.db", "work");
		assertThatThrownBy(() -> restore.createDatabase(spec, "../escape.db")).isInstanceOf(FileRefused.class);
		assertThat(Files.getPosixFilePermissions(db)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
		assertThat(Files.getPosixFilePermissions(Path.of(copy.filePath())))
			.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
	}

	@Test
	void aFileThatIsNotASqliteDatabaseOrALinkOutIsNeverReplaced(@TempDir Path outside) throws Exception {
		Path db = dir.resolve("chinook.db");
		Files.copy(BackupFixtures.datasets().resolve("chinook/Chinook_Sqlite.sqlite"), db);
		Path archive = dir.resolve("chinook.backup");
		try (OutputStream out = Files.newOutputStream(archive)) {
			dump.dump(spec(db), DumpOptions.of(DumpKind.FULL, dir.resolve("work")), out, new ToolControl());
		}
		Path notes = Files.writeString(dir.resolve("notes.txt"), "not a database");
		assertThatThrownBy(() -> restore.restore(spec(notes), () -> Files.newInputStream(archive),
				new RestoreOptions(true, 1, dir), new ToolControl())).isInstanceOf(FileRefused.class);
		assertThatThrownBy(() -> restore.createDatabase(spec(db), "notes.txt")).isInstanceOf(FileRefused.class);
		assertThatThrownBy(() -> restore.dropDatabase(spec(db), "notes.txt")).isInstanceOf(ToolFailed.class);
		assertThat(Files.readString(notes)).isEqualTo("not a database");

		Path secret = Files.writeString(outside.resolve("secret.key"), "key material");
		Path link = Files.createSymbolicLink(dir.resolve("link.db"), secret);
		assertThatThrownBy(() -> restore.restore(spec(link), () -> Files.newInputStream(archive),
				new RestoreOptions(true, 1, dir), new ToolControl())).isInstanceOf(FileRefused.class);
		assertThatThrownBy(() -> restore.createDatabase(spec(db), "link.db")).isInstanceOf(FileRefused.class);
		assertThat(Files.readString(secret)).isEqualTo("key material");
		assertThat(Files.isSymbolicLink(link)).isTrue();
		try (var left = Files.list(dir)) {
			assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".restore-"));
		}
	}

	@Test
	void schemaOnlyEmptiesTablesAndDataOnlyIsRefused() throws Exception {
		Path db = dir.resolve("chinook.db");
		Files.copy(BackupFixtures.datasets().resolve("chinook/Chinook_Sqlite.sqlite"), db);
		Path archive = dir.resolve("schema.backup");
		try (OutputStream out = Files.newOutputStream(archive)) {
			dump.dump(spec(db), DumpOptions.of(DumpKind.SCHEMA, dir), out, new ToolControl());
		}
		ConnectionSpec copy = restore.createDatabase(spec(db), "schema.db");
		restore.restore(copy, () -> Files.newInputStream(archive), new RestoreOptions(false, 1, dir), new ToolControl());
		assertThat(restore.countRows(copy)).hasSize(11).allSatisfy(t -> assertThat(t.rows()).isZero());
		assertThatThrownBy(() -> dump.preflight(spec(db), DumpOptions.of(DumpKind.DATA, dir)))
			.isInstanceOf(ToolUnavailable.class);
		assertThatThrownBy(() -> restore.restore(copy, () -> new ByteArrayInputStream("junk".getBytes()),
				new RestoreOptions(false, 1, dir), new ToolControl())).isInstanceOf(ArchiveInvalid.class);
		assertThat(restore.countRows(copy)).hasSize(11);
	}

	static ConnectionSpec spec(Path file) {
		return new ConnectionSpec(EngineKind.SQLITE, null, null, null, null, null, SslMode.DISABLE, null, file.toString(), false,
				Map.of());
	}

	static Map<String, String> fingerprints(Path file) throws Exception {
		try (Connection c = SqliteBackupFiles.open(file, true)) {
			List<String> tables = SqliteBackupFiles.tables(c).stream().map(SqliteBackupFiles::quote).toList();
			return BackupFixtures.fingerprints(c, tables);
		}
	}
}
