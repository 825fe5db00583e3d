package dev.steward.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.Datasets;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /catalog/er}: Pagila on a scratch PostgreSQL database (partitions folded into {@code payment}, every
 * foreign key one edge, counted against pg_constraint), Chinook on MariaDB and SQLite, and who may read it.
 */
@IntegrationTest
class CatalogDiagramIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	private static String create(TestApi api, String body) {
		TestApi.Response r = api.post("/api/connections", body);
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}

	private static long count(Connection c, String sql) throws Exception {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static List<String> edges(JsonNode er) {
		List<String> out = new ArrayList<>();
		er.get("edges").forEach(e -> out.add(e.get("fromTable").asString() + e.get("fromColumns") + "->"
				+ e.get("toTable").asString() + e.get("toColumns")));
		return out;
	}

	private static JsonNode table(JsonNode er, String name) {
		for (JsonNode t : er.get("tables")) {
			if (t.get("name").asString().equals(name)) {
				return t;
			}
		}
		throw new AssertionError("no table " + name + " in " + er);
	}

	@Test
	void pagilaHasItsTablesWithKeyColumnsAndEveryForeignKeyOnceWithPartitionsFoldedIntoPayment() throws Exception {
		try (ScratchDatabases.Scratch pagila = ScratchDatabases.postgres("er_pagila")) {
			Datasets.pagilaPostgres(pagila);
			TestApi admin = TestApi.admin(port);
			String id = create(admin, TestApi.JSON.createObjectNode().put("name", "er pagila " + UUID.randomUUID())
				.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + pagila.name())
				.put("shared", true).toString());
			TestApi.Response r = admin.get("/api/connections/" + id + "/catalog/er?database=" + pagila.name()
					+ "&schema=public");
			assertThat(r.status()).as(r.body()).isEqualTo(200);
			JsonNode er = r.json();

			long plainTables;
			long ownKeys;
			long partitionKeys;
			try (Connection c = pagila.connect()) {
				plainTables = count(c, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
						+ "WHERE n.nspname = 'public' AND c.relkind IN ('r','p','f') AND NOT c.relispartition");
				ownKeys = count(c, "SELECT count(*) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
						+ "JOIN pg_namespace n ON n.oid = c.relnamespace "
						+ "WHERE k.contype = 'f' AND n.nspname = 'public' AND NOT c.relispartition");
				partitionKeys = count(c, "SELECT count(DISTINCT (k.conkey, k.confrelid, k.confkey)) FROM pg_constraint k "
						+ "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
						+ "WHERE k.contype = 'f' AND n.nspname = 'public' AND c.relispartition");
			}
			// 14 plain tables and the partitioned payment; 18 keys on tables, 3 on payment's partitions
			assertThat(plainTables).isEqualTo(15);
			assertThat(ownKeys).isEqualTo(18);
			assertThat(partitionKeys).isEqualTo(3);
			assertThat(er.get("tables")).hasSize((int) plainTables);
			assertThat(er.get("edges")).hasSize((int) (ownKeys + partitionKeys));
			assertThat(er.get("truncated").asBoolean()).isFalse();
			List<String> names = new ArrayList<>();
			er.get("tables").forEach(t -> names.add(t.get("name").asString()));
			assertThat(names).contains("film", "payment", "rental").noneMatch(n -> n.startsWith("payment_p"))
				.doesNotContain("film_list", "rental_by_category");

			assertThat(edges(er)).doesNotHaveDuplicates().contains(
					"film[\"language_id\"]->language[\"language_id\"]",
					"film[\"original_language_id\"]->language[\"language_id\"]",
					"film_actor[\"film_id\"]->film[\"film_id\"]", "inventory[\"film_id\"]->film[\"film_id\"]",
					"payment[\"customer_id\"]->customer[\"customer_id\"]",
					"payment[\"rental_id\"]->rental[\"rental_id\"]", "payment[\"staff_id\"]->staff[\"staff_id\"]");
			er.get("edges").forEach(e -> {
				if (e.get("fromTable").asString().equals("payment")) {
					assertThat(e.get("name").asString()).endsWith("(on 6 partitions)");
				}
			});

			JsonNode film = table(er, "film");
			List<String> keys = new ArrayList<>();
			film.get("keyColumns").forEach(k -> keys.add(k.get("name").asString() + (k.get("primaryKey").asBoolean()
					? " PK" : "") + (k.get("foreignKey").asBoolean() ? " FK" : "")));
			assertThat(keys).containsExactly("film_id PK", "language_id FK", "original_language_id FK");
			assertThat(film.get("columnCount").asInt()).isGreaterThan(keys.size());
			assertThat(table(er, "film_actor").get("keyColumns")).hasSize(2);
			assertThat(table(er, "payment").get("kind").asString()).isEqualTo("partitioned_table");

			String base = "/api/connections/" + id + "/catalog/er?database=" + pagila.name();
			assertThat(admin.get(base + "&schema=no_such_schema").status()).isEqualTo(404);
			assertThat(admin.get(base + "&schema=").status()).isEqualTo(400);
			assertThat(admin.get("/api/connections/" + id + "/catalog/er?database=no_such_db&schema=public").status())
				.isEqualTo(404);
			TestUsers.TestUser viewer = TestUsers.create(port, "VIEWER");
			TestApi.Response read = viewer.login(port).get(base + "&schema=public");
			assertThat(read.status()).as(read.body()).isEqualTo(200);
			assertThat(read.json().get("edges")).hasSize((int) (ownKeys + partitionKeys));
		}
	}

	@Test
	void chinookOnMariaDbAndSqliteHasItsElevenForeignKeys() throws Exception {
		List<String> expected = List.of("Album[\"ArtistId\"]->Artist[\"ArtistId\"]",
				"Customer[\"SupportRepId\"]->Employee[\"EmployeeId\"]", "Employee[\"ReportsTo\"]->Employee[\"EmployeeId\"]",
				"Invoice[\"CustomerId\"]->Customer[\"CustomerId\"]", "InvoiceLine[\"InvoiceId\"]->Invoice[\"InvoiceId\"]",
				"InvoiceLine[\"TrackId\"]->Track[\"TrackId\"]", "PlaylistTrack[\"PlaylistId\"]->Playlist[\"PlaylistId\"]",
				"PlaylistTrack[\"TrackId\"]->Track[\"TrackId\"]", "Track[\"AlbumId\"]->Album[\"AlbumId\"]",
				"Track[\"GenreId\"]->Genre[\"GenreId\"]", "Track[\"MediaTypeId\"]->MediaType[\"MediaTypeId\"]");
		TestApi admin = TestApi.admin(port);
		try (ScratchDatabases.Scratch chinook = ScratchDatabases.mariadb("er_chinook")) {
			Datasets.chinookMariaDb(chinook);
			String id = create(admin, TestApi.JSON.createObjectNode().put("name", "er chinook my " + UUID.randomUUID())
				.put("url", "mariadb://" + ScratchDatabases.MARIADB_USER + "@127.0.0.1:3306/" + chinook.name())
				.toString());
			TestApi.Response r = admin.get("/api/connections/" + id + "/catalog/er?database=" + chinook.name()
					+ "&schema=" + chinook.name());
			assertThat(r.status()).as(r.body()).isEqualTo(200);
			assertThat(r.json().get("tables")).hasSize(11);
			assertThat(edges(r.json())).containsExactlyInAnyOrderElementsOf(expected);
		}

		Path dir = Files.createDirectories(dataDir.resolve("sqlite/er-" + UUID.randomUUID()));
		String id = create(admin, TestApi.JSON.createObjectNode().put("name", "er chinook sqlite " + UUID.randomUUID())
			.put("engine", "SQLITE").put("filePath", Datasets.chinookSqlite(dir).toString()).toString());
		TestApi.Response r = admin.get("/api/connections/" + id + "/catalog/er?database=main&schema=main");
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		assertThat(r.json().get("tables")).hasSize(11);
		assertThat(edges(r.json())).containsExactlyInAnyOrderElementsOf(expected);
	}
}
