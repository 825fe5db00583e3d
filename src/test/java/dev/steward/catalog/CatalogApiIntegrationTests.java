package dev.steward.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.Datasets;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;

/** The catalog API end to end: real Steward, real PostgreSQL and SQLite Chinook, real users and roles. */
@IntegrationTest
class CatalogApiIntegrationTests {

	static ScratchDatabases.Scratch chinook;

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@BeforeAll
	static void load() {
		chinook = ScratchDatabases.postgres("cat_api");
		Datasets.chinookPostgres(chinook);
	}

	@AfterAll
	static void drop() {
		chinook.close();
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private String createPg(TestApi api, boolean shared) {
		TestApi.Response r = api.post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", "chinook pg " + UUID.randomUUID())
			.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + chinook.name())
			.put("shared", shared).toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}

	private String createSqlite(TestApi api, boolean shared) throws Exception {
		Path dir = Files.createDirectories(dataDir.resolve("sqlite/catalog-" + UUID.randomUUID()));
		Path file = Datasets.chinookSqlite(dir);
		TestApi.Response r = api.post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", "chinook sqlite " + UUID.randomUUID()).put("engine", "SQLITE")
			.put("filePath", file.toString()).put("shared", shared).toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}

	@Test
	void browsesChinookOnPostgresThroughTheApi() {
		TestApi admin = TestApi.admin(port);
		String id = createPg(admin, true);
		String base = "/api/connections/" + id + "/catalog";
		String db = chinook.name();

		TestApi.Response dbs = admin.get(base + "/databases");
		assertThat(dbs.status()).as(dbs.body()).isEqualTo(200);
		assertThat(dbs.json().valueStream().map(d -> d.get("name").asString())).contains(db);

		TestApi.Response schemas = admin.get(base + "/schemas?database=" + db);
		assertThat(schemas.status()).isEqualTo(200);
		JsonNode pub = schemas.json().valueStream().filter(s -> s.get("name").asString().equals("public")).findFirst()
			.orElseThrow();
		assertThat(pub.get("objectCounts").get("table").asLong()).isEqualTo(11);

		TestApi.Response page = admin.get(base + "/objects?database=" + db + "&schema=public&kind=table&size=5");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.json().get("totalElements").asLong()).isEqualTo(11);
		assertThat(page.json().get("totalPages").asInt()).isEqualTo(3);
		assertThat(page.json().get("items").get(0).get("name").asString()).isEqualTo("album");
		assertThat(page.json().get("items").get(0).get("kind").asString()).isEqualTo("TABLE");

		TestApi.Response filtered = admin.get(base + "/objects?database=" + db + "&schema=public&q=inv&sort=size,desc");
		assertThat(filtered.json().get("items").valueStream().map(i -> i.get("name").asString()))
			.containsExactly("invoice_line", "invoice");

		TestApi.Response invoice = admin.get(base + "/objects/invoice?database=" + db + "&schema=public");
		assertThat(invoice.status()).isEqualTo(200);
		JsonNode fk = invoice.json().get("foreignKeys").get(0);
		assertThat(fk.get("referencedTable").asString()).isEqualTo("customer");
		assertThat(fk.get("columns").get(0).asString()).isEqualTo("customer_id");

		TestApi.Response ddl = admin.get(base + "/object/ddl?name=invoice&database=" + db + "&schema=public");
		assertThat(ddl.status()).as(ddl.body()).isEqualTo(200);
		assertThat(ddl.json().get("ddl").asString()).contains("CREATE TABLE public.invoice");
		assertThat(ddl.json().get("language").asString()).isEqualTo("sql");

		TestApi.Response count = admin.post(base + "/objects/invoice_line/count?database=" + db + "&schema=public",
				null);
		assertThat(count.status()).as(count.body()).isEqualTo(200);
		assertThat(count.json().get("count").asLong()).isEqualTo(2240);

		assertThat(admin.get(base + "/objects/nope?database=" + db + "&schema=public").status()).isEqualTo(404);
		assertThat(admin.get(base + "/objects?database=" + db + "&schema=public&sort=drop").status()).isEqualTo(400);
		assertThat(admin.get(base + "/objects?database=" + db + "&schema=public&kind=nonsense").status())
			.isEqualTo(400);
		assertThat(admin.get(base + "/objects?database=" + db + "&schema=public&size=201").status()).isEqualTo(400);
		assertThat(admin.get(base + "/schemas?database=no_such_db_x").status()).isEqualTo(404);
	}

	@Test
	void namesThatRepeatInASchemaAreAddressedByTableOrSignatureInListDetailDdlAndSearch() {
		try (ScratchDatabases.Scratch pagila = ScratchDatabases.postgres("cat_api_pagila")) {
			Datasets.pagilaPostgres(pagila);
			pagila.exec("CREATE SCHEMA overloads",
					"CREATE FUNCTION overloads.area(side integer) RETURNS integer LANGUAGE sql AS 'SELECT side * side'",
					"CREATE FUNCTION overloads.area(w integer, h numeric) RETURNS numeric LANGUAGE sql AS 'SELECT w * h'",
					"CREATE FUNCTION overloads.area() RETURNS integer LANGUAGE sql AS 'SELECT 0'");
			TestApi admin = TestApi.admin(port);
			TestApi.Response created = admin.post("/api/connections", TestApi.JSON.createObjectNode()
				.put("name", "pagila " + UUID.randomUUID())
				.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + pagila.name()).toString());
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			String id = created.json().get("id").asString();
			String base = "/api/connections/" + id + "/catalog";
			String at = "?database=" + pagila.name() + "&schema=public";

			JsonNode triggers = admin.get(base + "/objects" + at + "&kind=trigger&q=last_updated").json();
			assertThat(triggers.get("totalElements").asLong()).isEqualTo(14);
			List<String> tables = new ArrayList<>();
			triggers.get("items").forEach(t -> tables.add(t.get("parent").asString()));
			assertThat(tables).hasSize(14).doesNotHaveDuplicates().contains("actor", "film");

			TestApi.Response film = admin.get(base + "/object" + at + "&name=last_updated&kind=trigger&parent=film");
			assertThat(film.status()).as(film.body()).isEqualTo(200);
			assertThat(film.json().get("summary").get("parent").asString()).isEqualTo("film");
			String ddl = admin.get(base + "/object/ddl" + at + "&name=last_updated&kind=trigger&parent=film").json()
				.get("ddl").asString();
			assertThat(ddl).contains("film FOR EACH ROW").doesNotContain("actor");
			// the path form of the same (existing links keep working, and take the table too)
			assertThat(admin.get(base + "/objects/last_updated" + at + "&kind=trigger&parent=store").json()
				.get("summary").get("parent").asString()).isEqualTo("store");
			assertThat(admin.get(base + "/object" + at + "&name=last_updated&kind=trigger").json().get("summary")
				.get("parent").asString()).isEqualTo("actor");
			assertThat(admin.get(base + "/object" + at + "&name=last_updated&kind=trigger&parent=nosuch").status())
				.isEqualTo(404);

			String overloads = "?database=" + pagila.name() + "&schema=overloads";
			List<String> signatures = new ArrayList<>();
			admin.get(base + "/objects" + overloads + "&kind=function").json().get("items")
				.forEach(f -> signatures.add(f.get("name").asString() + "(" + f.get("signature").asString() + ")"));
			assertThat(signatures).containsExactly("area()", "area(integer)", "area(integer, numeric)");
			assertThat(admin.get(base + "/object/ddl" + overloads + "&name=area&kind=function&signature="
					+ enc("integer, numeric")).json().get("ddl").asString()).contains("w * h").doesNotContain("side");
			assertThat(admin.get(base + "/object/ddl" + overloads + "&name=area&kind=function&signature=integer").json()
				.get("ddl").asString()).contains("side * side").doesNotContain("w * h");
			assertThat(admin.get(base + "/object/ddl" + overloads + "&name=area&kind=function&signature=").json()
				.get("ddl").asString()).contains("SELECT 0").doesNotContain("side");
			assertThat(admin.get(base + "/object" + overloads + "&name=area&kind=function&signature=text").status())
				.isEqualTo(404);

			// search: every table's last_update column once, each naming its table
			assertThat(admin.post(base + "/sync", null).status()).isEqualTo(200);
			List<String> hits = new ArrayList<>();
			admin.get("/api/catalog/search?q=last_update&size=200").json().get("items").forEach(h -> {
				if (h.get("connectionId").asString().equals(id) && h.get("type").asString().equals("column")) {
					hits.add(h.get("schema").asString() + "." + h.get("object").asString() + "." + h.get("column").asString());
				}
			});
			assertThat(hits).doesNotHaveDuplicates().contains("public.film.last_update", "public.actor.last_update")
				.hasSizeGreaterThanOrEqualTo(14);
			admin.delete("/api/connections/" + id);
		}
	}

	@Test
	void syncStoresASnapshotWithADiffAndSearchRanksNames() throws Exception {
		TestApi admin = TestApi.admin(port);
		String id = createSqlite(admin, true);
		String base = "/api/connections/" + id + "/catalog";

		TestApi.Response first = admin.post(base + "/sync", null);
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.json().get("objects").asInt()).isEqualTo(11);
		assertThat(first.json().get("columns").asInt()).isEqualTo(64);

		TestApi.Response second = admin.post(base + "/sync", null);
		assertThat(second.json().get("added").asInt()).isZero();
		assertThat(second.json().get("dropped").asInt()).isZero();
		assertThat(second.json().get("changed").asInt()).isZero();

		TestApi.Response history = admin.get(base + "/snapshots");
		assertThat(history.json().get("totalElements").asLong()).isEqualTo(2);
		assertThat(history.json().get("items").get(0).get("diff").asString()).isEqualTo("no changes");

		TestApi.Response hits = admin.get("/api/catalog/search?q=customerid&size=50");
		assertThat(hits.status()).as(hits.body()).isEqualTo(200);
		List<JsonNode> mine = new ArrayList<>();
		hits.json().get("items").forEach(h -> {
			if (h.get("connectionId").asString().equals(id)) {
				mine.add(h);
			}
		});
		assertThat(mine).extracting(h -> h.get("object").asString() + "." + h.get("column").asString())
			.containsExactlyInAnyOrder("Customer.CustomerId", "Invoice.CustomerId");
		assertThat(mine).allSatisfy(h -> assertThat(h.get("match").asString()).isEqualTo("exact"));

		TestApi.Response prefix = admin.get("/api/catalog/search?q=invoice&size=200");
		List<String> order = new ArrayList<>();
		prefix.json().get("items").forEach(h -> {
			if (h.get("connectionId").asString().equals(id)) {
				order.add(h.get("type").asString() + ":" + h.get("object").asString()
						+ (h.get("column").isNull() ? "" : "." + h.get("column").asString()));
			}
		});
		// exact table name first, then prefixes (tables before columns, shorter first)
		assertThat(order).startsWith("table:Invoice", "table:InvoiceLine", "column:Invoice.InvoiceId");
		// pages of two, across name boundaries (several rows share a name), add up to the one big page
		List<String> whole = new ArrayList<>();
		prefix.json().get("items").forEach(h -> whole.add(h.get("connectionId").asString() + h.get("type").asString()
				+ h.get("object").asString() + (h.get("column").isNull() ? "" : "." + h.get("column").asString())));
		long total = prefix.json().get("totalElements").asLong();
		assertThat(total).isEqualTo(whole.size()).isGreaterThan(3);
		List<String> paged = new ArrayList<>();
		for (int page = 0; page * 2 < total; page++) {
			TestApi.Response p = admin.get("/api/catalog/search?q=invoice&size=2&page=" + page);
			assertThat(p.json().get("totalElements").asLong()).isEqualTo(total);
			p.json().get("items").forEach(h -> paged.add(h.get("connectionId").asString() + h.get("type").asString()
					+ h.get("object").asString() + (h.get("column").isNull() ? "" : "." + h.get("column").asString())));
		}
		assertThat(paged).containsExactlyElementsOf(whole);
		assertThat(admin.get("/api/catalog/search?q=").status()).isEqualTo(400);

		TestApi.Response audit = admin.get("/api/audit?action=catalog.sync&targetId=" + id);
		assertThat(audit.json().get("totalElements").asLong()).isEqualTo(2);
	}

	@Test
	void anotherUsersPrivateConnectionIs404OnEveryCatalogEndpoint() throws Exception {
		TestUsers.TestUser owner = TestUsers.create(port, "OPERATOR");
		TestUsers.TestUser other = TestUsers.create(port, "OPERATOR");
		TestUsers.TestUser viewer = TestUsers.create(port, "VIEWER");
		TestApi ownerApi = owner.login(port);
		String id = createSqlite(ownerApi, false);
		String base = "/api/connections/" + id + "/catalog";
		assertThat(ownerApi.post(base + "/sync", null).status()).isEqualTo(200);

		for (TestApi stranger : List.of(other.login(port), viewer.login(port))) {
			assertThat(stranger.get(base + "/databases").status()).isEqualTo(404);
			assertThat(stranger.get(base + "/schemas?database=main").status()).isEqualTo(404);
			assertThat(stranger.get(base + "/objects?database=main&schema=main").status()).isEqualTo(404);
			assertThat(stranger.get(base + "/objects/Invoice?database=main&schema=main").status()).isEqualTo(404);
			assertThat(stranger.get(base + "/object?name=Invoice&database=main&schema=main").status()).isEqualTo(404);
			assertThat(stranger.get(base + "/objects/Invoice/ddl?database=main&schema=main").status()).isEqualTo(404);
			assertThat(stranger.post(base + "/objects/Invoice/count?database=main&schema=main", null).status())
				.isEqualTo(404);
			assertThat(stranger.get(base + "/snapshots").status()).isEqualTo(404);
			assertThat(stranger.get(base + "/er?database=main&schema=main").status()).isEqualTo(404);
			TestApi.Response search = stranger.get("/api/catalog/search?q=invoice&size=200");
			assertThat(search.status()).isEqualTo(200);
			assertThat(search.body()).doesNotContain(id);
		}
		assertThat(other.login(port).post(base + "/sync", null).status()).isEqualTo(404);
		// VIEWER may not sync (403 before it learns anything), but may read and count shared connections
		assertThat(viewer.login(port).post(base + "/sync", null).status()).isEqualTo(403);
		String shared = createSqlite(ownerApi, true);
		TestApi v = viewer.login(port);
		assertThat(v.get("/api/connections/" + shared + "/catalog/objects?database=main&schema=main").status())
			.isEqualTo(200);
		TestApi.Response count = v.post("/api/connections/" + shared + "/catalog/object/count?name=InvoiceLine"
				+ "&database=main&schema=main", null);
		assertThat(count.status()).as(count.body()).isEqualTo(200);
		assertThat(count.json().get("count").asLong()).isEqualTo(2240);
		assertThat(v.post("/api/connections/" + shared + "/catalog/sync", null).status()).isEqualTo(403);
	}

	@Test
	void hostileNamesTravelAsQueryParameters() {
		TestApi admin = TestApi.admin(port);
		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("cat_api_hostile")) {
			db.exec("CREATE TABLE victim (id int)",
					"CREATE TABLE \"a/b;c'd \"\"e\"\" 名\" (\"select\" int PRIMARY KEY)",
					"INSERT INTO \"a/b;c'd \"\"e\"\" 名\" VALUES (1), (2), (3)");
			TestApi.Response r = admin.post("/api/connections", TestApi.JSON.createObjectNode()
				.put("name", "hostile " + UUID.randomUUID())
				.put("url", "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + db.name()).toString());
			assertThat(r.status()).as(r.body()).isEqualTo(201);
			String base = "/api/connections/" + r.json().get("id").asString() + "/catalog";
			String name = "a/b;c'd \"e\" 名";
			String q = "?name=" + enc(name) + "&database=" + db.name() + "&schema=public";
			TestApi.Response detail = admin.get(base + "/object" + q);
			assertThat(detail.status()).as(detail.body()).isEqualTo(200);
			assertThat(detail.json().get("columns").get(0).get("name").asString()).isEqualTo("select");
			TestApi.Response count = admin.post(base + "/object/count" + q, null);
			assertThat(count.json().get("count").asLong()).isEqualTo(3);
			assertThat(admin.get(base + "/object/ddl" + q).json().get("ddl").asString())
				.contains("CREATE TABLE public.\"a/b;c'd \"\"e\"\" 名\"");
			TestApi.Response list = admin.get(base + "/objects?database=" + db.name() + "&schema=public&q=" + enc("b;c'"));
			assertThat(list.json().get("items").get(0).get("name").asString()).isEqualTo(name);
			assertThat(admin.post(base + "/object/count?name=victim&database=" + db.name() + "&schema=public", null)
				.json().get("count").asLong()).isZero();
		}
	}
}
