package dev.steward.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import java.net.InetSocketAddress;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.steward.test.Datasets;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * Schema exports on real servers: Pagila on PostgreSQL with kinds switched off, in full (loaded back into an empty
 * database, the catalog is the same) and as a subset of two tables; Chinook on MariaDB and SQLite.
 */
@IntegrationTest
class SchemaExportIntegrationTests {

	/** What "the same catalog" compares: columns with types, keys, indexes, triggers, views and routines. */
	private static final List<String> CATALOG = List.of("""
			SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
			FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1""", """
			SELECT conrelid::regclass::text || ' ' || conname || ' ' || contype::text || ' ' || pg_get_constraintdef(oid)
			FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1""", """
			SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1""", """
			SELECT tgrelid::regclass::text || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1""", """
			SELECT c.relname || ' ' || c.relkind::text FROM pg_class c
			WHERE c.relnamespace = 'public'::regnamespace ORDER BY 1""", """
			SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' FROM pg_proc p
			WHERE p.pronamespace = 'public'::regnamespace ORDER BY 1""");

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@Test
	void pagilaWithoutViewsAndTriggersHasNeither() {
		TestApi admin = TestApi.admin(port);
		try (Scratch source = ScratchDatabases.postgres("exp_pagila")) {
			Datasets.pagilaPostgres(source);
			String id = ExportTargets.postgres(admin, source, false);
			JsonNode job = ExportTargets.complete(admin, id, """
					{"kind":"SCHEMA","schema":"public","options":{"views":false,"triggers":false}}""");
			String sql = ExportTargets.text(admin, job.get("id").asString());
			assertThat(sql).contains("CREATE TABLE public.actor").contains("CREATE FUNCTION public.last_updated()");
			assertThat(sql).doesNotContain("CREATE VIEW").doesNotContain("CREATE TRIGGER")
				.doesNotContain("CREATE MATERIALIZED VIEW");
			// real progress: every object of the filtered list was counted
			JsonNode progress = job.get("progress");
			assertThat(progress.get("unit").asString()).isEqualTo("ITEMS");
			assertThat(progress.get("total").asLong()).isGreaterThan(100);
			assertThat(progress.get("done").asLong()).isEqualTo(progress.get("total").asLong());
		}
	}

	@Test
	void pagilaInFullLoadsIntoAnEmptyDatabaseAsTheSameCatalog() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Scratch source = ScratchDatabases.postgres("exp_src"); Scratch copy = ScratchDatabases.postgres("exp_dst")) {
			Datasets.pagilaPostgres(source);
			String id = ExportTargets.postgres(admin, source, false);
			JsonNode job = ExportTargets.complete(admin, id, """
					{"kind":"SCHEMA","database":"%s","schema":"public",
					 "options":{"dropIfExists":true,"transaction":true}}""".formatted(source.name()));
			String sql = ExportTargets.text(admin, job.get("id").asString());
			assertThat(sql).contains("CREATE VIEW public.actor_info").contains("CREATE TRIGGER last_updated")
				.contains("DROP TABLE IF EXISTS public.actor").contains("BEGIN;").contains("COMMIT;");
			load(copy, sql);
			for (String query : CATALOG) {
				assertThat(rows(copy, query)).as(query).isEqualTo(rows(source, query)).isNotEmpty();
			}
		}
	}

	@Test
	void aSubsetOfTwoTablesExportsExactlyThoseTwo() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Scratch source = ScratchDatabases.postgres("exp_sub"); Scratch copy = ScratchDatabases.postgres("exp_subc")) {
			Datasets.pagilaPostgres(source);
			String id = ExportTargets.postgres(admin, source, false);
			JsonNode job = ExportTargets.complete(admin, id, """
					{"kind":"SCHEMA","schema":"public","tables":["actor","category"]}""");
			String sql = ExportTargets.text(admin, job.get("id").asString());
			Matcher m = Pattern.compile("CREATE TABLE ([^ ]+) ").matcher(sql);
			List<String> created = new ArrayList<>();
			while (m.find()) {
				created.add(m.group(1));
			}
			assertThat(created).containsExactlyInAnyOrder("public.actor", "public.category");
			assertThat(sql).doesNotContain("CREATE VIEW");
			load(copy, sql);
			assertThat(rows(copy, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"))
				.containsExactly("actor", "category");
			// the sequences their keys use came along, so inserting still numbers rows
			copy.exec("INSERT INTO actor (first_name, last_name) VALUES ('A', 'B')");
		}
	}

	@Test
	void unknownTablesAndSchemasAreRefusedBeforeAnyJob() {
		TestApi admin = TestApi.admin(port);
		try (Scratch source = ScratchDatabases.postgres("exp_bad")) {
			source.exec("CREATE TABLE t (id int PRIMARY KEY)");
			String id = ExportTargets.postgres(admin, source, false);
			TestApi.Response table = admin.post("/api/connections/" + id + "/exports",
					"{\"kind\":\"SCHEMA\",\"tables\":[\"t\",\"t; DROP TABLE t\"]}");
			assertThat(table.status()).as(table.body()).isEqualTo(400);
			TestApi.Response schema = admin.post("/api/connections/" + id + "/exports",
					"{\"kind\":\"SCHEMA\",\"schema\":\"nope\"}");
			assertThat(schema.status()).as(schema.body()).isEqualTo(404);
			TestApi.Response data = admin.post("/api/connections/" + id + "/exports",
					"{\"kind\":\"SCHEMA\",\"options\":{\"data\":\"SOMETIMES\"}}");
			assertThat(data.status()).as(data.body()).isEqualTo(400);
			TestApi.Response kind = admin.post("/api/connections/" + id + "/exports", "{\"kind\":\"ALL\"}");
			assertThat(kind.status()).as(kind.body()).isEqualTo(400);
		}
	}

	@Test
	void pagilaWithRowsAsInsertsLoads() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Scratch source = ScratchDatabases.postgres("exp_ins"); Scratch copy = ScratchDatabases.postgres("exp_insc")) {
			Datasets.pagilaPostgres(source);
			source.exec("INSERT INTO category (name) VALUES ('Tab\there'), ('O''Brien\\n'), ('multi\nline')");
			String id = ExportTargets.postgres(admin, source, false);
			JsonNode job = ExportTargets.complete(admin, id, """
					{"kind":"SCHEMA","tables":["category"],"options":{"data":"INSERTS"}}""");
			String sql = ExportTargets.text(admin, job.get("id").asString());
			assertThat(sql).contains("INSERT INTO public.category").doesNotContain("FROM stdin");
			load(copy, sql);
			String q = "SELECT category_id || ':' || name FROM category ORDER BY 1";
			assertThat(rows(copy, q)).isEqualTo(rows(source, q)).hasSize(3);
		}
	}

	@Test
	void mariadbSchemaWithRoutineSwitchesAndRows() {
		TestApi admin = TestApi.admin(port);
		try (Scratch source = ScratchDatabases.mariadb("exp_my")) {
			Datasets.chinookMariaDb(source);
			source.exec("CREATE VIEW album_titles AS SELECT Title FROM Album");
			String id = ExportTargets.mariadb(admin, source);
			JsonNode job = ExportTargets.complete(admin, id, "{\"kind\":\"SCHEMA\",\"options\":{\"views\":false}}");
			String sql = ExportTargets.text(admin, job.get("id").asString());
			assertThat(sql).contains("CREATE TABLE `Album`").contains("CREATE TABLE `Track`")
				.doesNotContain("INSERT INTO").doesNotContain("album_titles");
			assertThat(job.get("progress").get("done").asLong()).isEqualTo(11);

			JsonNode genres = ExportTargets.complete(admin, id,
					"{\"kind\":\"SCHEMA\",\"tables\":[\"Genre\"],\"options\":{\"data\":\"INSERTS\"}}");
			String genreSql = ExportTargets.text(admin, genres.get("id").asString());
			assertThat(genreSql).contains("CREATE TABLE `Genre`").contains("INSERT INTO `Genre`")
				.doesNotContain("CREATE TABLE `Album`");
			TestApi.Response copy = admin.post("/api/connections/" + id + "/exports",
					"{\"kind\":\"SCHEMA\",\"options\":{\"data\":\"COPY\"}}");
			assertThat(copy.status()).as(copy.body()).isEqualTo(400);
		}
	}

	@Test
	void sqliteSchemaFromSqliteMaster() throws Exception {
		TestApi admin = TestApi.admin(port);
		Path dir = Files.createDirectories(dataDir.resolve("sqlite/export-" + UUID.randomUUID()));
		Path file = Datasets.chinookSqlite(dir);
		String id = ExportTargets.create(admin, TestApi.JSON.createObjectNode().put("name", "export sqlite " + UUID.randomUUID())
			.put("engine", "SQLITE").put("filePath", file.toString()).put("shared", false).toString());
		JsonNode job = ExportTargets.complete(admin, id,
				"{\"kind\":\"SCHEMA\",\"options\":{\"indexes\":false,\"dropIfExists\":true}}");
		String sql = ExportTargets.text(admin, job.get("id").asString());
		assertThat(Pattern.compile("CREATE TABLE").matcher(sql).results().count()).isEqualTo(11);
		assertThat(sql).contains("DROP TABLE IF EXISTS \"Album\"").doesNotContain("CREATE INDEX");

		// loaded into a new file, the same tables
		Path copy = dir.resolve("copy.sqlite");
		try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + copy); Statement s = c.createStatement()) {
			for (String statement : sql.split(";\n")) {
				if (!statement.isBlank()) {
					s.execute(statement);
				}
			}
			try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
				rs.next();
				assertThat(rs.getInt(1)).isEqualTo(11);
			}
		}
	}

	@Test
	void mongodbCollectionsAsIndexAndOptionDefinitions() {
		TestApi admin = TestApi.admin(port);
		MongoServer server = new MongoServer(new MemoryBackend());
		InetSocketAddress address = server.bind();
		try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
			MongoDatabase shop = client.getDatabase("shop");
			shop.getCollection("orders").insertOne(new Document("n", 1));
			shop.getCollection("orders").createIndex(Indexes.ascending("n"), new IndexOptions().unique(true).name("n_unique"));
			shop.getCollection("customers").insertOne(new Document("_id", "c1"));
			String id = ExportTargets.create(admin, TestApi.JSON.createObjectNode().put("name", "export mongo " + UUID.randomUUID())
				.put("url", "mongodb://127.0.0.1:" + address.getPort() + "/shop").put("shared", false).toString());
			JsonNode job = ExportTargets.complete(admin, id, "{\"kind\":\"SCHEMA\",\"tables\":[\"orders\"]}");
			JsonNode schema = TestApi.JSON.readTree(ExportTargets.text(admin, job.get("id").asString()));
			assertThat(schema.get("database").asString()).isEqualTo("shop");
			assertThat(schema.get("collections")).hasSize(1);
			JsonNode orders = schema.get("collections").get(0);
			assertThat(orders.get("name").asString()).isEqualTo("orders");
			assertThat(orders.get("indexes").toString()).contains("\"n_unique\"").contains("\"unique\":true");
		}
		finally {
			server.shutdownNow();
		}
	}

	static void load(Scratch db, String sql) throws Exception {
		Path file = Files.createTempFile("export-load-", ".sql");
		try {
			Files.writeString(file, sql, StandardCharsets.UTF_8);
			Datasets.psql(db, file);
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	static List<String> rows(Scratch db, String query) throws Exception {
		List<String> rows = new ArrayList<>();
		try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
			while (rs.next()) {
				rows.add(rs.getString(1));
			}
		}
		return rows;
	}
}
