package dev.steward.engine.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.steward.engine.ArchiveInvalid;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.DumpKind;
import dev.steward.engine.DumpOptions;
import dev.steward.engine.DumpResult;
import dev.steward.engine.RestoreOptions;
import dev.steward.engine.TableRows;
import dev.steward.engine.ToolAborted;
import dev.steward.engine.ToolControl;
import dev.steward.test.BackupFixtures;
import dev.steward.test.ScratchDatabases;

/** pg_dump / pg_restore against the machine's PostgreSQL, no Spring. */
@org.junit.jupiter.api.Tag("target-only") // between Steward and a target: the metadata store plays no part
class PostgresBackupIntegrationTests {

	@TempDir
	Path work;

	final PostgresClientTools clients = new PostgresClientTools(List.of());

	final PostgresDump dump = new PostgresDump(clients);

	final PostgresRestore restore = new PostgresRestore(clients);

	@Test
	void chinookFullRoundTripIsIdenticalTableByTable() throws Exception {
		try (ScratchDatabases.Scratch source = ScratchDatabases.postgres("bk_src")) {
			BackupFixtures.loadChinookPostgres(source.name());
			Path file = work.resolve("chinook.pgdump");
			DumpResult result = dumpTo(source.name(), DumpOptions.of(DumpKind.FULL, work), file);
			assertThat(result.tool()).isEqualTo("pg_dump");
			assertThat(result.tables()).contains(new TableRows("public.track", 3503, true));
			assertThat(restore.inspect(() -> Files.newInputStream(file), new ToolControl()).entries()).isGreaterThan(20);

			String target = ScratchDatabases.uniqueName("bk_dst");
			ConnectionSpec server = BackupFixtures.postgresSpec(source.name());
			assertThat(restore.databaseExists(server, target)).isFalse();
			ConnectionSpec targetSpec = restore.createDatabase(server, target);
			try {
				restore.restore(targetSpec, () -> Files.newInputStream(file), new RestoreOptions(false, 1, work), new ToolControl());
				assertThat(fingerprints(target)).isEqualTo(fingerprints(source.name())).hasSize(11);
				assertThat(restore.countRows(targetSpec)).isEqualTo(result.tables());
				// parallel restore (staged file) into a second database
				String parallel = ScratchDatabases.uniqueName("bk_par");
				ConnectionSpec parallelSpec = restore.createDatabase(server, parallel);
				try {
					restore.restore(parallelSpec, () -> Files.newInputStream(file), new RestoreOptions(false, 2, work),
							new ToolControl());
					assertThat(fingerprints(parallel)).isEqualTo(fingerprints(source.name()));
				}
				finally {
					restore.dropDatabase(server, parallel);
				}
				assertThat(Files.list(work).map(p -> p.getFileName().toString())).containsExactly("chinook.pgdump");
			}
			finally {
				restore.dropDatabase(server, target);
			}
		}
	}

	/**
	 * A new database is made from template0, so someone connected to template1 does not make it fail ("source
	 * database template1 is being accessed by other users"). The hold is short: other tests on this server create
	 * their scratch databases from template1 and wait (PostgreSQL waits up to 5 s) while it lasts.
	 */
	@Test
	void aNewDatabaseIsCreatedWhileSomeoneIsConnectedToTemplate1() throws Exception {
		try (ScratchDatabases.Scratch source = ScratchDatabases.postgres("bk_tpl")) {
			source.exec("CREATE TABLE t (id int PRIMARY KEY, name text)", "INSERT INTO t VALUES (1, 'één'), (2, 'two')");
			Path file = work.resolve("t.pgdump");
			dumpTo(source.name(), DumpOptions.of(DumpKind.FULL, work), file);
			ConnectionSpec server = BackupFixtures.postgresSpec(source.name());
			String target = ScratchDatabases.uniqueName("bk_tpl_dst");
			ConnectionSpec targetSpec;
			try (Connection onTemplate1 = java.sql.DriverManager.getConnection(ScratchDatabases.pgUrlFor("template1"),
					ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD)) {
				assertThat(onTemplate1.isValid(2)).isTrue();
				targetSpec = restore.createDatabase(server, target);
			}
			try {
				restore.restore(targetSpec, () -> Files.newInputStream(file), new RestoreOptions(false, 1, work), new ToolControl());
				assertThat(restore.countRows(targetSpec)).containsExactly(new TableRows("public.t", 2, true));
				try (Connection c = java.sql.DriverManager.getConnection(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER,
						ScratchDatabases.PG_PASSWORD); Statement s = c.createStatement();
						ResultSet rs = s.executeQuery("SELECT d.encoding = t.encoding AND d.datcollate = t.datcollate "
								+ "FROM pg_database d, pg_database t WHERE d.datname = '" + target + "' AND t.datname = 'template0'")) {
					assertThat(rs.next()).isTrue();
					assertThat(rs.getBoolean(1)).as("the server's default encoding and locale (template0's)").isTrue();
				}
			}
			finally {
				restore.dropDatabase(server, target);
			}
		}
	}

	@Test
	void schemaThenDataRoundTripsAndFiltersApply() throws Exception {
		try (ScratchDatabases.Scratch source = ScratchDatabases.postgres("bk_src")) {
			BackupFixtures.loadChinookPostgres(source.name());
			Path schema = work.resolve("schema.pgdump");
			Path data = work.resolve("data.pgdump");
			DumpResult schemaResult = dumpTo(source.name(), DumpOptions.of(DumpKind.SCHEMA, work), schema);
			assertThat(schemaResult.tables()).allSatisfy(t -> assertThat(t.rows()).isZero());
			dumpTo(source.name(), DumpOptions.of(DumpKind.DATA, work), data);
			try (ScratchDatabases.Scratch target = ScratchDatabases.postgres("bk_dst")) {
				ConnectionSpec spec = BackupFixtures.postgresSpec(target.name());
				restore.restore(spec, () -> Files.newInputStream(schema), new RestoreOptions(false, 1, work), new ToolControl());
				assertThat(restore.countRows(spec)).hasSize(11).allSatisfy(t -> assertThat(t.rows()).isZero());
				restore.restore(spec, () -> Files.newInputStream(data), new RestoreOptions(false, 1, work), new ToolControl());
				assertThat(fingerprints(target.name())).isEqualTo(fingerprints(source.name()));
			}
			Path oneTable = work.resolve("one.pgdump");
			dumpTo(source.name(), new DumpOptions(DumpKind.FULL, List.of(), List.of(), List.of("public.artist"), List.of(), work),
					oneTable);
			List<String> listing = restore.inspect(() -> Files.newInputStream(oneTable), new ToolControl()).sample();
			assertThat(String.join("\n", listing)).contains("TABLE public artist").doesNotContain("TABLE public album");
		}
	}

	@Test
	void pagilaSchemaKeepsFunctionsTriggersViewsAndTypes() throws Exception {
		try (ScratchDatabases.Scratch source = ScratchDatabases.postgres("bk_pagila")) {
			BackupFixtures.loadPagilaSchema(source.name());
			Path file = work.resolve("pagila.pgdump");
			dumpTo(source.name(), DumpOptions.of(DumpKind.SCHEMA, work), file);
			try (ScratchDatabases.Scratch target = ScratchDatabases.postgres("bk_pagila_dst")) {
				restore.restore(BackupFixtures.postgresSpec(target.name()), () -> Files.newInputStream(file),
						new RestoreOptions(false, 1, work), new ToolControl());
				Map<String, String> expected = catalog(source.name());
				assertThat(expected.get("functions")).contains("last_day");
				assertThat(expected.get("types")).contains("mpaa_rating", "bıgınt");
				assertThat(catalog(target.name())).isEqualTo(expected);
			}
		}
	}

	@Test
	void anEmptyOrForeignArchiveIsRefusedBeforeRestoring() throws Exception {
		Path junk = work.resolve("junk.pgdump");
		Files.writeString(junk, "PGDMP but not really");
		assertThatThrownBy(() -> restore.inspect(() -> Files.newInputStream(junk), new ToolControl()))
			.isInstanceOf(ArchiveInvalid.class).hasMessageContaining("pg_restore cannot read");
		try (ScratchDatabases.Scratch empty = ScratchDatabases.postgres("bk_empty")) {
			Path file = work.resolve("empty.pgdump");
			dumpTo(empty.name(), DumpOptions.of(DumpKind.DATA, work), file);
			assertThatThrownBy(() -> restore.inspect(() -> Files.newInputStream(file), new ToolControl()))
				.isInstanceOf(ArchiveInvalid.class).hasMessageContaining("no objects");
		}
	}

	@Test
	void aDumpBlockedBehindALockIsAbortedAndLeavesNoProcess() throws Exception {
		try (ScratchDatabases.Scratch source = ScratchDatabases.postgres("bk_lock"); Connection locker = source.connect()) {
			source.exec("CREATE TABLE busy (id int)", "INSERT INTO busy VALUES (1)");
			locker.setAutoCommit(false);
			try (Statement s = locker.createStatement()) {
				s.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
			}
			ToolControl control = new ToolControl();
			Thread watchdog = Thread.ofVirtual().start(() -> {
				try {
					Thread.sleep(Duration.ofSeconds(2));
				}
				catch (InterruptedException e) {
					return;
				}
				control.abort("No data from the dump for 2 s");
			});
			long start = System.nanoTime();
			assertThatThrownBy(() -> dump.dump(BackupFixtures.postgresSpec(source.name()), DumpOptions.of(DumpKind.FULL, work),
					OutputStream.nullOutputStream(), control))
				.isInstanceOf(ToolAborted.class).hasMessageContaining("No data from the dump");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
			watchdog.join();
			assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("pg_dump")))
				.isEmpty();
			locker.rollback();
		}
	}

	@Test
	void clientChoiceIsSameMajorElseNewestNewerAndNeverOlder() {
		var c15 = new PostgresClientTools.Client(Path.of("/pg15/bin"), 15, "15.20");
		var c16 = new PostgresClientTools.Client(Path.of("/pg16/bin"), 16, "16.4");
		var c18 = new PostgresClientTools.Client(Path.of("/pg18/bin"), 18, "18.1");
		assertThat(PostgresClientTools.choose(List.of(c15, c16, c18), 16)).contains(c16);
		assertThat(PostgresClientTools.choose(List.of(c15, c18, c16), 14)).contains(c18);
		assertThat(PostgresClientTools.choose(List.of(c15, c16), 17)).isEmpty();
		assertThat(PostgresClientTools.refusal(List.of(c15, c16), 17, "17.6").getMessage())
			.contains("17.6", "16.4", "apt-get install postgresql-client-17");
		assertThat(PostgresClientTools.parse(Path.of("/x"), "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"))
			.isEqualTo(new PostgresClientTools.Client(Path.of("/x"), 15, "15.20"));
		assertThat(clients.clients()).anySatisfy(c -> assertThat(c.major()).isEqualTo(15));
	}

	DumpResult dumpTo(String database, DumpOptions options, Path file) throws IOException {
		try (OutputStream out = Files.newOutputStream(file)) {
			return dump.dump(BackupFixtures.postgresSpec(database), options, out, new ToolControl());
		}
	}

	static Map<String, String> fingerprints(String database) throws Exception {
		try (Connection c = java.sql.DriverManager.getConnection(ScratchDatabases.pgUrlFor(database), ScratchDatabases.PG_USER,
				ScratchDatabases.PG_PASSWORD)) {
			List<String> tables = BackupFixtures.tables(c, "public").stream().map(t -> "public.\"" + t + "\"").toList();
			return BackupFixtures.fingerprints(c, tables);
		}
	}

	static Map<String, String> catalog(String database) throws Exception {
		Map<String, String> result = new TreeMap<>();
		try (Connection c = java.sql.DriverManager.getConnection(ScratchDatabases.pgUrlFor(database), ScratchDatabases.PG_USER,
				ScratchDatabases.PG_PASSWORD)) {
			result.put("functions", list(c, "SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')=' || md5(p.prosrc) "
					+ "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' ORDER BY 1"));
			result.put("triggers", list(c, "SELECT tgrelid::regclass || '.' || tgname || '=' || pg_get_triggerdef(oid) FROM pg_trigger "
					+ "WHERE NOT tgisinternal ORDER BY 1"));
			result.put("views", list(c, "SELECT viewname || '=' || md5(definition) FROM pg_views WHERE schemaname = 'public' ORDER BY 1"));
			result.put("matviews", list(c, "SELECT matviewname FROM pg_matviews WHERE schemaname = 'public' ORDER BY 1"));
			result.put("types", list(c, "SELECT t.typname || ':' || t.typtype::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
					+ "WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') ORDER BY 1"));
			result.put("tables", list(c, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"));
			result.put("indexes", list(c, "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"));
		}
		return result;
	}

	static String list(Connection c, String sql) throws Exception {
		List<String> out = new ArrayList<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			while (rs.next()) {
				out.add(rs.getString(1));
			}
		}
		return String.join("\n", out);
	}
}
