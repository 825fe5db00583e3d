package dev.steward.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.Datasets;
import dev.steward.test.IntegrationTest;
import dev.steward.test.JobsTesting;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Masking on real PostgreSQL and MariaDB: a masked user never sees a masked value in clear through the console
 * (however the column is dressed up), the grid or the exports; an ADMIN does; masked users cannot change data
 * there; the PII finder flags Chinook's customer e-mails and phones.
 */
@IntegrationTest
class MaskingIntegrationTests {

	private static final String[] EMAILS = { "alice.jones@example.com", "bob.smith@example.org" };

	@LocalServerPort
	int port;

	@Test
	void aMaskedUserNeverSeesAMaskedColumnInClearOnPostgres() throws Exception {
		TestApi admin = TestApi.admin(port);
		TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
		TestApi operator = TestUsers.create(port, "OPERATOR").login(port);
		try (Scratch db = ScratchDatabases.postgres("mask")) {
			db.exec("CREATE TABLE customer (id int PRIMARY KEY, name text, email text, mobile_phone text)",
					"INSERT INTO customer VALUES (1, 'Alice', '" + EMAILS[0] + "', '+44 20 7946 0958'), "
							+ "(2, 'Bob', '" + EMAILS[1] + "', '+1 (555) 010-9999')",
					"CREATE VIEW v_customer AS SELECT id, email AS contact FROM customer",
					"CREATE TABLE plain (id int, note text)", "INSERT INTO plain VALUES (1, 'hello')");
			String connection = connection(admin, "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/"
					+ db.name());
			List<String> policies = new ArrayList<>();
			try {
				policies.add(policy(admin, "{\"name\":\"customer e-mail\",\"connectionId\":\"" + connection
						+ "\",\"schema\":\"public\",\"table\":\"customer\",\"column\":\"email\",\"mask\":\"email\"}"));
				policies.add(policy(admin, "{\"name\":\"phones\",\"connectionId\":\"" + connection
						+ "\",\"namePattern\":\"phone\",\"mask\":\"partial\",\"keepLast\":4}"));

				for (String sql : new String[] { "SELECT email FROM customer ORDER BY id",
						"SELECT upper(email) FROM customer ORDER BY id", "SELECT email AS x FROM customer ORDER BY id",
						"SELECT email FROM customer UNION SELECT 'none'", "SELECT contact FROM v_customer",
						"WITH c AS (SELECT email FROM customer) SELECT email FROM c",
						"WITH c AS (SELECT lower(email) AS e FROM customer) SELECT e || '' FROM c",
						"SELECT (SELECT string_agg(email, ',') FROM customer)",
						"SELECT row_to_json(c)::text FROM customer c" }) {
					for (TestApi masked : List.of(viewer, operator)) {
						String values = column(run(masked, connection, sql), 0).toString();
						assertThat(values).as(sql).doesNotContain(EMAILS[0]).doesNotContain(EMAILS[1])
							.doesNotContainIgnoringCase("alice.jones").doesNotContainIgnoringCase("bob.smith");
					}
					assertThat(column(run(admin, connection, sql), 0).toString()).as(sql)
						.containsIgnoringCase("alice.jones");
				}
				// the format-preserving mask, the partial mask by rule, and a clear column beside them
				JsonNode rows = run(viewer, connection, "SELECT name, email, mobile_phone FROM customer ORDER BY id");
				assertThat(column(rows, 0)).containsExactly("Alice", "Bob");
				assertThat(column(rows, 1)).containsExactly("a***@example.com", "b***@example.org");
				assertThat(column(rows, 2).getFirst()).endsWith("0958").doesNotContain("7946");
				// a table with no masked column stays clear, even untraced
				assertThat(column(run(viewer, connection, "SELECT id FROM plain"), 0)).containsExactly("1");

				// an error quoting a masked value does not quote it to a masked user
				JsonNode failed = runAny(viewer, connection, "SELECT email::int FROM customer");
				assertThat(failed.get("status").asString()).isEqualTo("FAILED");
				assertThat(failed.toString()).doesNotContain("alice.jones").doesNotContain("bob.smith");
				assertThat(runAny(admin, connection, "SELECT email::int FROM customer").toString())
					.contains("@example.");

				// writing where masked columns live is refused for a masked user, with a problem body
				TestApi.Response update = operator.post("/api/connections/" + connection + "/sql",
						"{\"sql\":\"UPDATE customer SET name = email\"}");
				assertThat(update.status()).as(update.body()).isEqualTo(403);
				assertThat(update.json().get("detail").asString()).contains("masked");
				try (var c = db.connect(); var s = c.createStatement();
						var rs = s.executeQuery("SELECT count(*) FROM customer WHERE name LIKE '%@%'")) {
					rs.next();
					assertThat(rs.getInt(1)).isZero();
				}

				// the grid
				String grid = "/api/connections/" + connection + "/data?database=" + db.name()
						+ "&schema=public&table=customer";
				TestApi.Response masked = viewer.get(grid);
				assertThat(masked.status()).as(masked.body()).isEqualTo(200);
				assertThat(masked.body()).doesNotContain(EMAILS[0]).contains("a***@example.com");
				assertThat(admin.get(grid).body()).contains(EMAILS[0]);
				String filter = URLEncoder.encode("[{\"column\":\"email\",\"op\":\"starts_with\",\"value\":\"alice\"}]",
						StandardCharsets.UTF_8);
				assertThat(viewer.get(grid + "&filter=" + filter).status()).isEqualTo(403);
				assertThat(viewer.get(grid + "&sort=email").status()).isEqualTo(403);
				assertThat(viewer.get("/api/connections/" + connection + "/data?database=" + db.name()
						+ "&schema=public&table=v_customer").body()).doesNotContain(EMAILS[0]);

				// the console's export and the data export job
				TestApi.Response csv = viewer.post("/api/connections/" + connection + "/sql/export",
						"{\"sql\":\"SELECT * FROM customer\",\"format\":\"csv\"}");
				assertThat(csv.status()).as(csv.body()).isEqualTo(200);
				assertThat(csv.body()).doesNotContain(EMAILS[0]).contains("a***@example.com");
				assertThat(admin.post("/api/connections/" + connection + "/sql/export",
						"{\"sql\":\"SELECT * FROM customer\",\"format\":\"csv\"}").body()).contains(EMAILS[0]);
				assertThat(exportJob(viewer, connection)).doesNotContain(EMAILS[0]).contains("a***@example.com");
				assertThat(exportJob(admin, connection)).contains(EMAILS[0]);

				// a role allowed to view unmasked sees clear values; back to masked afterwards
				try {
					assertThat(admin.put("/api/masking/roles/viewer", "{\"viewUnmasked\":true}").status())
						.isEqualTo(200);
					assertThat(column(run(viewer, connection, "SELECT email FROM customer ORDER BY id"), 0))
						.containsExactly(EMAILS);
				}
				finally {
					admin.put("/api/masking/roles/viewer", "{\"viewUnmasked\":false}");
				}
				assertThat(column(run(viewer, connection, "SELECT email FROM customer ORDER BY id"), 0))
					.doesNotContain(EMAILS);
			}
			finally {
				policies.forEach(p -> admin.delete("/api/masking/policies/" + p));
			}
			assertThat(column(run(viewer, connection, "SELECT upper(email) FROM customer ORDER BY id"), 0))
				.as("no policy left: clear again").contains(EMAILS[0].toUpperCase());
		}
	}

	@Test
	void mariaDbOriginalNamesTraceColumnsAndUntracedOnesStayMasked() throws Exception {
		TestApi admin = TestApi.admin(port);
		TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
		try (Scratch db = ScratchDatabases.mariadb("mask")) {
			db.exec("CREATE TABLE customer (id int PRIMARY KEY, name varchar(40), email varchar(80))",
					"INSERT INTO customer VALUES (1, 'Alice', '" + EMAILS[0] + "'), (2, 'Bob', '" + EMAILS[1] + "')",
					"CREATE VIEW v_customer AS SELECT id, email AS contact FROM customer");
			String connection = connection(admin, "mariadb://" + ScratchDatabases.MARIADB_USER + "@127.0.0.1:3306/"
					+ db.name());
			String policy = policy(admin, "{\"name\":\"my e-mail\",\"connectionId\":\"" + connection
					+ "\",\"table\":\"customer\",\"column\":\"email\",\"mask\":\"hash\"}");
			try {
				JsonNode traced = run(viewer, connection, "SELECT name, email AS x FROM customer ORDER BY id");
				assertThat(column(traced, 0)).containsExactly("Alice", "Bob");
				assertThat(column(traced, 1)).allMatch(v -> v.startsWith("h:"));
				for (String sql : new String[] { "SELECT UPPER(email) FROM customer",
						"SELECT email FROM customer UNION SELECT 'none'", "SELECT contact FROM v_customer",
						"WITH c AS (SELECT email FROM customer) SELECT email FROM c",
						"SELECT e FROM (SELECT CONCAT(email, '') AS e FROM customer) s" }) {
					assertThat(column(run(viewer, connection, sql), 0).toString()).as(sql)
						.doesNotContainIgnoringCase("alice.jones").doesNotContainIgnoringCase("bob.smith");
					assertThat(column(run(admin, connection, sql), 0).toString()).as(sql)
						.containsIgnoringCase("alice.jones");
				}
			}
			finally {
				admin.delete("/api/masking/policies/" + policy);
			}
		}
	}

	@Test
	void thePiiFinderFlagsChinookEmailsAndPhonesAndAppliesNothing() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Scratch db = ScratchDatabases.postgres("mask_pii")) {
			Datasets.chinookPostgres(db);
			String connection = connection(admin, "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/"
					+ db.name());
			int before = admin.get("/api/masking/policies").json().size();
			TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
			assertThat(viewer.post("/api/connections/" + connection + "/masking/scan", "{}").status())
				.isEqualTo(403);
			TestApi.Response scan = admin.post("/api/connections/" + connection + "/masking/scan",
					"{\"schema\":\"public\"}");
			assertThat(scan.status()).as(scan.body()).isEqualTo(200);
			List<String> found = new ArrayList<>();
			scan.json().get("suggestions").forEach(s -> found.add(s.get("table").asString() + "."
					+ s.get("column").asString() + ":" + s.get("kind").asString()));
			assertThat(found).contains("customer.email:EMAIL", "customer.phone:PHONE", "employee.email:EMAIL");
			assertThat(found).noneMatch(f -> f.startsWith("track.name") || f.startsWith("customer.city"));
			JsonNode email = find(scan.json().get("suggestions"), "customer", "email");
			assertThat(email.get("matched").asInt()).isGreaterThanOrEqualTo(40);
			assertThat(scan.body()).doesNotContain("luisg@embraer.com.br"); // counts only, never values
			assertThat(admin.get("/api/masking/policies").json().size()).isEqualTo(before);
		}
	}

	@Test
	void onlyAnAdminManagesPoliciesRolesCheckedBeforeBodiesAndEveryChangeAudited() {
		TestApi admin = TestApi.admin(port);
		TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
		TestApi operator = TestUsers.create(port, "OPERATOR").login(port);
		String body = "{\"name\":\"audited\",\"namePattern\":\"^never_a_column_" + UUID.randomUUID().toString()
			.replace("-", "") + "$\",\"mask\":\"redact\"}";
		for (TestApi other : List.of(viewer, operator)) {
			assertThat(other.get("/api/masking/policies").status()).isEqualTo(403);
			assertThat(other.post("/api/masking/policies", "{\"mask\":\"nope\"}").status()).isEqualTo(403);
			assertThat(other.put("/api/masking/roles/viewer", "{\"viewUnmasked\":true}").status()).isEqualTo(403);
			assertThat(other.get("/api/masking/roles").status()).isEqualTo(403);
		}
		assertThat(TestApi.anonymous(port).get("/api/masking/policies").status()).isEqualTo(401);
		TestApi.Response invalid = admin.post("/api/masking/policies",
				"{\"name\":\"x\",\"namePattern\":\"(\",\"mask\":\"nope\",\"keepFirst\":99}");
		assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
		assertThat(invalid.body()).contains("namePattern").contains("mask").contains("keepFirst")
			.doesNotContain("Exception");
		assertThat(admin.post("/api/masking/policies", "{\"name\":\"half\",\"connectionId\":\""
				+ UUID.randomUUID() + "\",\"table\":\"t\",\"mask\":\"redact\"}").status()).isEqualTo(400);
		assertThat(admin.put("/api/masking/roles/root", "{\"viewUnmasked\":true}").status()).isEqualTo(400);
		assertThat(admin.get("/api/masking/policies/" + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(admin.get("/api/masking/policies/not-a-uuid").status()).isEqualTo(400);

		String id = policy(admin, body);
		assertThat(admin.get("/api/masking/policies/" + id).body()).doesNotContain("salt");
		assertThat(admin.delete("/api/masking/policies/" + id).status()).isEqualTo(204);
		assertThat(admin.get("/api/masking/policies/" + id).status()).isEqualTo(404);
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode records = admin.get("/api/audit?targetId=" + id).json().get("items");
			List<String> actions = new ArrayList<>();
			records.forEach(r -> actions.add(r.get("action").asString()));
			assertThat(actions).contains("masking.policy.create", "masking.policy.delete");
		});
	}

	private static JsonNode find(JsonNode suggestions, String table, String column) {
		for (JsonNode s : suggestions) {
			if (s.get("table").asString().equals(table) && s.get("column").asString().equals(column)) {
				return s;
			}
		}
		throw new AssertionError("no suggestion for " + table + "." + column + ": " + suggestions);
	}

	private String exportJob(TestApi api, String connection) {
		TestApi.Response r = api.post("/api/connections/" + connection + "/exports",
				"{\"kind\":\"DATA\",\"schema\":\"public\",\"tables\":[\"customer\"],\"format\":\"csv\"}");
		assertThat(r.status()).as(r.body()).isEqualTo(202);
		JsonNode job = JobsTesting.awaitJob(api, r.json().get("id").asString());
		assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMPLETED");
		var file = api.getBytes("/api/exports/" + job.get("id").asString() + "/download");
		assertThat(file.statusCode()).isEqualTo(200);
		return new String(file.body(), StandardCharsets.UTF_8);
	}

	private static String connection(TestApi admin, String url) {
		TestApi.Response created = admin.post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", "masking " + UUID.randomUUID()).put("url", url).put("shared", true).toString());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private static String policy(TestApi admin, String body) {
		TestApi.Response r = admin.post("/api/masking/policies", body);
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}

	/** Runs {@code sql} in the console and waits for its end; it must complete. */
	private static JsonNode run(TestApi api, String connection, String sql) {
		JsonNode done = runAny(api, connection, sql);
		assertThat(done.get("status").asString()).as(sql + ": " + done).isEqualTo("COMPLETED");
		return done;
	}

	private static JsonNode runAny(TestApi api, String connection, String sql) {
		TestApi.Response r = api.post("/api/connections/" + connection + "/sql",
				TestApi.JSON.createObjectNode().put("sql", sql).toString());
		assertThat(r.status()).as(sql + ": " + r.body()).isEqualTo(202);
		String id = r.json().get("id").asString();
		JsonNode[] last = new JsonNode[1];
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
			last[0] = api.get("/api/sql/executions/" + id + "?waitMs=5000").json();
			return !"RUNNING".equals(last[0].get("status").asString());
		});
		return last[0];
	}

	/** Column {@code index} of the first result's first page. */
	private static List<@Nullable String> column(JsonNode execution, int index) {
		List<@Nullable String> out = new ArrayList<>();
		execution.get("results").get(0).get("rows")
			.forEach(row -> out.add(row.get(index).isNull() ? null : row.get(index).asString()));
		return out;
	}
}
