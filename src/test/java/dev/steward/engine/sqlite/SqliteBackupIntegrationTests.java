package dev.steward.engine.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
import dev.steward.engine.RestoreOptions;
import dev.steward.engine.SslMode;
import dev.steward.engine.ToolControl;
import dev.steward.engine.ToolUnavailable;
import dev.steward.test.BackupFixtures;

class SqliteBackupIntegrationTests {

	@TempDir
	Path dir;

	final SqliteDump dump = new SqliteDump();

	final SqliteRestore restore = new SqliteRestore();

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
		assertThatThrownBy(() -> restore.createDatabase(spec, "../escape.db")).isInstanceOf(IllegalArgumentException.class);
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
