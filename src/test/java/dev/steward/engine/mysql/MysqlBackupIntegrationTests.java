package dev.steward.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.steward.engine.DumpResult;
import dev.steward.engine.RestoreOptions;
import dev.steward.engine.ToolControl;
import dev.steward.engine.ToolUnavailable;
import dev.steward.test.BackupFixtures;
import dev.steward.test.ScratchDatabases;

/** mariadb-dump / mariadb against the machine's MariaDB, no Spring. */
@org.junit.jupiter.api.Tag("target-only") // between Steward and a target: the metadata store plays no part
class MysqlBackupIntegrationTests {

	@TempDir
	Path work;

	final MysqlDump dump = new MysqlDump();

	final MysqlRestore restore = new MysqlRestore();

	@Test
	void chinookRoundTripsForEveryKind() throws Exception {
		try (ScratchDatabases.Scratch source = ScratchDatabases.mariadb("bk_src")) {
			BackupFixtures.loadChinookMariadb(source.name());
			Path full = work.resolve("full.sql");
			Path schema = work.resolve("schema.sql");
			Path data = work.resolve("data.sql");
			DumpResult result = dumpTo(source.name(), DumpKind.FULL, full);
			assertThat(result.tables()).hasSize(11).anySatisfy(t -> assertThat(t.rows()).isEqualTo(3503));
			dumpTo(source.name(), DumpKind.SCHEMA, schema);
			dumpTo(source.name(), DumpKind.DATA, data);
			assertThat(restore.inspect(() -> Files.newInputStream(full), new ToolControl()).entries()).isGreaterThan(11);
			ConnectionSpec server = BackupFixtures.mariadbSpec(source.name());
			String target = ScratchDatabases.uniqueName("bk_dst");
			ConnectionSpec targetSpec = restore.createDatabase(server, target);
			try {
				restore.restore(targetSpec, () -> Files.newInputStream(full), new RestoreOptions(false, 1, work), new ToolControl());
				assertThat(fingerprints(target)).isEqualTo(fingerprints(source.name())).hasSize(11);
				restore.dropDatabase(server, target);
				restore.createDatabase(server, target);
				restore.restore(targetSpec, () -> Files.newInputStream(schema), new RestoreOptions(false, 1, work), new ToolControl());
				assertThat(restore.countRows(targetSpec)).hasSize(11).allSatisfy(t -> assertThat(t.rows()).isZero());
				restore.restore(targetSpec, () -> Files.newInputStream(data), new RestoreOptions(false, 1, work), new ToolControl());
				assertThat(fingerprints(target)).isEqualTo(fingerprints(source.name()));
			}
			finally {
				restore.dropDatabase(server, target);
			}
			assertThat(Files.list(work).map(p -> p.getFileName().toString())).allSatisfy(n -> assertThat(n).endsWith(".sql"));
		}
	}

	@Test
	void aWrongPasswordFailsWithTheServersWordsAndLeavesNoOptionFile() throws Exception {
		try (ScratchDatabases.Scratch source = ScratchDatabases.mariadb("bk_pw")) {
			String user = "bk_" + source.name().substring(source.name().length() - 8);
			source.exec("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'right-password'",
					"GRANT ALL ON " + source.name() + ".* TO '" + user + "'@'%'");
			try {
				ConnectionSpec spec = new ConnectionSpec(dev.steward.engine.EngineKind.MYSQL, "127.0.0.1", 3306, source.name(),
						user, "wrong \"pass\\word", dev.steward.engine.SslMode.DISABLE, null, null, false, Map.of());
				assertThatThrownBy(() -> dump.dump(spec, DumpOptions.of(DumpKind.FULL, work), OutputStream.nullOutputStream(),
						new ToolControl())).isInstanceOf(ToolUnavailable.class).hasMessageContaining("Access denied");
				assertThat(Files.list(work)).isEmpty();
			}
			finally {
				source.exec("DROP USER '" + user + "'@'%'");
			}
		}
	}

	@Test
	void anIncompleteScriptIsRefused() throws Exception {
		Path cut = work.resolve("cut.sql");
		Files.writeString(cut, "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\n");
		assertThatThrownBy(() -> restore.inspect(() -> Files.newInputStream(cut), new ToolControl()))
			.isInstanceOf(ArchiveInvalid.class).hasMessageContaining("completion marker");
	}

	@Test
	void optionFileValuesAreQuotedAndEscaped() {
		assertThat(MysqlBackupSupport.value("a b\\c\nd\"")).isEqualTo("\"a b\\\\c\\nd\"\"");
		assertThat(MysqlDump.arguments(Path.of("/usr/bin/mariadb-dump"), Path.of("/w/x.cnf"), "db",
				new DumpOptions(DumpKind.DATA, List.of(), List.of(), List.of("a"), List.of("b"), work)))
			.containsExactly("/usr/bin/mariadb-dump", "--defaults-extra-file=/w/x.cnf", "--single-transaction", "--quick",
					"--hex-blob", "--no-tablespaces", "--no-create-info", "--skip-triggers", "--ignore-table=db.b", "db", "a");
	}

	DumpResult dumpTo(String database, DumpKind kind, Path file) throws Exception {
		try (OutputStream out = Files.newOutputStream(file)) {
			return dump.dump(BackupFixtures.mariadbSpec(database), DumpOptions.of(kind, work), out, new ToolControl());
		}
	}

	static Map<String, String> fingerprints(String database) throws Exception {
		try (Connection c = java.sql.DriverManager.getConnection(ScratchDatabases.MARIADB_URL + database + "?sslMode=disable",
				ScratchDatabases.MARIADB_USER, ScratchDatabases.MARIADB_PASSWORD)) {
			List<String> tables = BackupFixtures.tables(c, null).stream().map(t -> "`" + t + "`").toList();
			return BackupFixtures.fingerprints(c, tables);
		}
	}
}
