package dev.steward.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.BackupFixtures;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import dev.steward.test.TestUsers.TestUser;
import tools.jackson.databind.JsonNode;

/**
 * Every security/audit endpoint, called as ADMIN, OPERATOR, VIEWER and anonymous, against its expected status; and who
 * may write into a connection's databases.
 */
@IntegrationTest
class AuthorizationMatrixIntegrationTests {

	private static final String[] ROLES = { "ADMIN", "OPERATOR", "VIEWER", "ANONYMOUS" };

	@LocalServerPort
	int port;

	/** One caller per role for a row; {@code target} is a user the row may act on. */
	record Caller(String role, TestApi api, TestUser target, @org.jspecify.annotations.Nullable TestUser self) {
	}

	@Test
	void everyEndpointAnswersEachRoleAsSpecified() {
		Map<String, Row> rows = new LinkedHashMap<>();
		rows.put("GET /api/auth/me", new Row(c -> c.api().get("/api/auth/me").status(), 200, 200, 200, 401));
		rows.put("GET /api/auth/csrf", new Row(c -> c.api().get("/api/auth/csrf").status(), 200, 200, 200, 200));
		rows.put("GET /api/auth/providers", new Row(c -> c.api().get("/api/auth/providers").status(), 200, 200, 200,
				200));
		// no single sign-on provider configured here: nothing answers under /api/auth/oidc
		rows.put("GET /api/auth/oidc/authorize/{key}", new Row(
				c -> c.api().get("/api/auth/oidc/authorize/any").status(), 404, 404, 404, 404));
		rows.put("POST /api/auth/password", new Row(c -> c.api().post("/api/auth/password", TestApi.JSON
			.createObjectNode().put("currentPassword", c.self() == null ? "whatever-pass" : c.self().password())
			.put("newPassword", c.self() == null ? "whatever-pass-2" : c.self().password()).toString()).status(),
				204, 204, 204, 401));
		rows.put("GET /api/users", new Row(c -> c.api().get("/api/users").status(), 200, 403, 403, 401));
		rows.put("POST /api/users", new Row(c -> c.api().post("/api/users", TestApi.JSON.createObjectNode()
			.put("username", TestUsers.uniqueName("m")).put("password", "a-fine-password-1").put("role", "VIEWER")
			.toString()).status(), 201, 403, 403, 401));
		rows.put("PATCH /api/users/{id}", new Row(
				c -> c.api().patch("/api/users/" + c.target().id(), "{\"enabled\":true}").status(), 200, 403, 403, 401));
		rows.put("POST /api/users/{id}/password", new Row(c -> c.api().post("/api/users/" + c.target().id()
				+ "/password", "{\"newPassword\":\"a-fine-password-2\"}").status(), 204, 403, 403, 401));
		rows.put("POST /api/users/{id}/unlock", new Row(
				c -> c.api().post("/api/users/" + c.target().id() + "/unlock", null).status(), 200, 403, 403, 401));
		rows.put("GET /api/users/{id}/tokens", new Row(
				c -> c.api().get("/api/users/" + c.target().id() + "/tokens").status(), 200, 403, 403, 401));
		rows.put("POST /api/users/{id}/tokens/revoke", new Row(
				c -> c.api().post("/api/users/" + c.target().id() + "/tokens/revoke", null).status(), 200, 403, 403, 401));
		rows.put("POST /api/auth/sessions/revoke-others", new Row(
				c -> c.api().post("/api/auth/sessions/revoke-others", null).status(), 204, 204, 204, 401));
		rows.put("GET /api/users/{id}/limits", new Row(
				c -> c.api().get("/api/users/" + c.target().id() + "/limits").status(), 200, 403, 403, 401));
		rows.put("PUT /api/users/{id}/limits", new Row(
				c -> c.api().put("/api/users/" + c.target().id() + "/limits", "{}").status(), 200, 403, 403, 401));
		rows.put("GET /api/security/settings", new Row(c -> c.api().get("/api/security/settings").status(), 200, 403,
				403, 401));
		// the shared instance's own defaults again: a change here would reach every other test
		rows.put("PUT /api/security/settings", new Row(c -> c.api().put("/api/security/settings",
				"{\"idleTimeoutSeconds\":28800,\"absoluteTimeoutSeconds\":86400,\"twoFactorRoles\":[],"
						+ "\"globalAllowlist\":[],\"roleAllowlists\":{},\"masking\":false}").status(),
				200, 403, 403, 401));
		rows.put("GET /api/auth/two-factor", new Row(c -> c.api().get("/api/auth/two-factor").status(), 200, 200, 200, 401));
		rows.put("GET /api/tokens", new Row(c -> c.api().get("/api/tokens").status(), 200, 200, 200, 401));
		rows.put("POST /api/tokens",
				new Row(c -> c.api().post("/api/tokens", "{\"name\":\"matrix\"}").status(), 201, 201, 201, 401));
		rows.put("DELETE /api/tokens/{id}", new Row(c -> {
			if (c.self() == null) {
				return c.api().delete("/api/tokens/" + java.util.UUID.randomUUID()).status();
			}
			String id = c.api().post("/api/tokens", "{\"name\":\"to revoke\"}").json().get("id").asString();
			return c.api().delete("/api/tokens/" + id).status();
		}, 204, 204, 204, 401));
		rows.put("GET /api/audit", new Row(c -> c.api().get("/api/audit").status(), 200, 200, 200, 401));
		rows.put("GET /api/audit/verify", new Row(c -> c.api().get("/api/audit/verify").status(), 200, 403, 403, 401));
		rows.put("GET /api/audit/actions", new Row(c -> c.api().get("/api/audit/actions").status(), 200, 200, 200, 401));
		String exportRange = "from=" + java.time.Instant.now().minusSeconds(3600) + "&to=" + java.time.Instant.now();
		rows.put("GET /api/audit/export", new Row(c -> c.api().get("/api/audit/export?" + exportRange + "&format=jsonl")
			.status(), 200, 403, 403, 401));
		rows.put("GET /api/security/compliance",
				new Row(c -> c.api().get("/api/security/compliance").status(), 200, 403, 403, 401));
		rows.put("POST /api/security/compliance/reports",
				new Row(c -> c.api().post("/api/security/compliance/reports", null).status(), 201, 403, 403, 401));
		rows.put("GET /api/security/compliance/reports",
				new Row(c -> c.api().get("/api/security/compliance/reports").status(), 200, 403, 403, 401));
		// notification channels and the delivery log: ADMIN only (a body that would be invalid is still 403 first)
		TestApi admin = TestApi.admin(port);
		Function<String, String> channelBody = name -> TestApi.JSON.createObjectNode().put("name", name)
			.put("type", "WEBHOOK").put("url", "http://127.0.0.1:9/matrix")
			.set("topics", TestApi.JSON.createArrayNode().add("ALERT")).toString();
		String channel = admin.post("/api/notification-channels", channelBody.apply(TestUsers.uniqueName("channel")))
			.json().get("id").asString();
		rows.put("GET /api/notification-channels",
				new Row(c -> c.api().get("/api/notification-channels").status(), 200, 403, 403, 401));
		rows.put("POST /api/notification-channels", new Row(c -> c.api().post("/api/notification-channels",
				channelBody.apply(TestUsers.uniqueName("channel"))).status(), 201, 403, 403, 401));
		rows.put("POST /api/notification-channels (invalid body)", new Row(
				c -> c.api().post("/api/notification-channels", "{\"type\":\"NOPE\"}").status(), 400, 403, 403, 401));
		rows.put("GET /api/notification-channels/{id}",
				new Row(c -> c.api().get("/api/notification-channels/" + channel).status(), 200, 403, 403, 401));
		rows.put("PUT /api/notification-channels/{id}", new Row(c -> c.api().put("/api/notification-channels/" + channel,
				channelBody.apply(TestUsers.uniqueName("channel"))).status(), 200, 403, 403, 401));
		rows.put("POST /api/notification-channels/{id}/test", new Row(
				c -> c.api().post("/api/notification-channels/" + channel + "/test", null).status(), 200, 403, 403, 401));
		rows.put("DELETE /api/notification-channels/{id}", new Row(c -> {
			String doomed = admin.post("/api/notification-channels", channelBody.apply(TestUsers.uniqueName("channel")))
				.json().get("id").asString();
			return c.api().delete("/api/notification-channels/" + doomed).status();
		}, 204, 403, 403, 401));
		rows.put("GET /api/notifications/deliveries",
				new Row(c -> c.api().get("/api/notifications/deliveries").status(), 200, 403, 403, 401));
		// alert rules: everyone reads, ADMIN changes (403 before the body is read); alerts: OPERATOR and ADMIN handle
		Function<String, String> ruleBody = name -> TestApi.JSON.createObjectNode().put("name", name)
			.put("metric", "latency").put("comparison", "ABOVE").put("threshold", 5000).put("forSeconds", 60)
			.put("level", "INFO").put("scope", "ALL").put("renotifyMinutes", 0).put("enabled", false).toString();
		String rule = admin.post("/api/alert-rules", ruleBody.apply(TestUsers.uniqueName("rule"))).json().get("id")
			.asString();
		rows.put("GET /api/alert-rules", new Row(c -> c.api().get("/api/alert-rules").status(), 200, 200, 200, 401));
		rows.put("GET /api/alert-rules/{id}",
				new Row(c -> c.api().get("/api/alert-rules/" + rule).status(), 200, 200, 200, 401));
		rows.put("POST /api/alert-rules", new Row(
				c -> c.api().post("/api/alert-rules", ruleBody.apply(TestUsers.uniqueName("rule"))).status(), 201, 403,
				403, 401));
		rows.put("POST /api/alert-rules (invalid body)",
				new Row(c -> c.api().post("/api/alert-rules", "{\"level\":\"NOPE\"}").status(), 400, 403, 403, 401));
		rows.put("PUT /api/alert-rules/{id}", new Row(
				c -> c.api().put("/api/alert-rules/" + rule, ruleBody.apply(TestUsers.uniqueName("rule"))).status(), 200,
				403, 403, 401));
		rows.put("DELETE /api/alert-rules/{id}", new Row(c -> {
			String doomed = admin.post("/api/alert-rules", ruleBody.apply(TestUsers.uniqueName("rule"))).json().get("id")
				.asString();
			return c.api().delete("/api/alert-rules/" + doomed).status();
		}, 204, 403, 403, 401));
		rows.put("POST /api/alert-rules/preview", new Row(c -> c.api().post("/api/alert-rules/preview",
				"{\"rule\":" + ruleBody.apply("preview") + "}").status(), 200, 403, 403, 401));
		rows.put("GET /api/alerts", new Row(c -> c.api().get("/api/alerts").status(), 200, 200, 200, 401));
		rows.put("POST /api/alerts/{id}/ack", new Row(
				c -> c.api().post("/api/alerts/" + java.util.UUID.randomUUID() + "/ack", "{}").status(), 404, 404, 403,
				401));
		rows.put("POST /api/alerts/{id}/silence (invalid body)", new Row(
				c -> c.api().post("/api/alerts/" + java.util.UUID.randomUUID() + "/silence", "{}").status(), 400, 400,
				403, 401));
		scheduleRows(rows);
		storageTargetRows(rows, admin);
		// the SQL console: every role may use it; connections, executions and sessions not theirs are 404
		String nobody = java.util.UUID.randomUUID().toString();
		rows.put("POST /api/connections/{id}/sql", new Row(c -> c.api().post("/api/connections/" + nobody + "/sql",
				"{\"sql\":\"SELECT 1\"}").status(), 404, 404, 404, 401));
		rows.put("GET /api/sql/executions/{id}",
				new Row(c -> c.api().get("/api/sql/executions/" + nobody + "?waitMs=1").status(), 404, 404, 404, 401));
		rows.put("GET /api/sql/executions/{id}/rows", new Row(
				c -> c.api().get("/api/sql/executions/" + nobody + "/rows?result=0&offset=0&limit=10").status(), 404, 404,
				404, 401));
		rows.put("POST /api/sql/executions/{id}/cancel", new Row(
				c -> c.api().post("/api/sql/executions/" + nobody + "/cancel", null).status(), 404, 404, 404, 401));
		// the data grid: every role reads and counts, changes are for OPERATOR/ADMIN (VIEWER refused before lookup)
		String table = "?database=d&schema=s&table=t";
		String tableBody = "{\"database\":\"d\",\"schema\":\"s\",\"table\":\"t\"";
		rows.put("GET /api/connections/{id}/data", new Row(
				c -> c.api().get("/api/connections/" + nobody + "/data" + table).status(), 404, 404, 404, 401));
		rows.put("POST /api/connections/{id}/data/count", new Row(c -> c.api().post("/api/connections/" + nobody
				+ "/data/count", tableBody + "}").status(), 404, 404, 404, 401));
		rows.put("POST /api/connections/{id}/data/changes", new Row(c -> c.api().post("/api/connections/" + nobody
				+ "/data/changes", tableBody + ",\"dryRun\":true,\"changes\":[]}").status(), 404, 404, 403, 401));
		rows.put("GET /api/sql/history", new Row(c -> c.api().get("/api/sql/history").status(), 200, 200, 200, 401));
		rows.put("POST /api/sql/sessions/{sessionId}/commit", new Row(
				c -> c.api().post("/api/sql/sessions/" + nobody + "/commit", null).status(), 404, 404, 404, 401));
		rows.put("POST /api/sql/sessions/{sessionId}/rollback", new Row(
				c -> c.api().post("/api/sql/sessions/" + nobody + "/rollback", null).status(), 404, 404, 404, 401));
		rows.put("GET /api/sql/saved", new Row(c -> c.api().get("/api/sql/saved").status(), 200, 200, 200, 401));
		rows.put("GET /api/sql/saved/{id}",
				new Row(c -> c.api().get("/api/sql/saved/" + nobody).status(), 404, 404, 404, 401));
		rows.put("POST /api/sql/saved", new Row(c -> c.api().post("/api/sql/saved", "{\"name\":\"m\",\"sql\":\"SELECT 1\","
				+ "\"connectionId\":\"" + nobody + "\"}").status(), 404, 404, 404, 401));
		rows.put("PUT /api/sql/saved/{id}", new Row(c -> c.api().put("/api/sql/saved/" + nobody, "{}").status(), 404,
				404, 404, 401));
		rows.put("DELETE /api/sql/saved/{id}",
				new Row(c -> c.api().delete("/api/sql/saved/" + nobody).status(), 404, 404, 404, 401));
		rows.put("GET /api/connections/{id}/catalog/completion", new Row(
				c -> c.api().get("/api/connections/" + nobody + "/catalog/completion?database=x").status(), 404, 404,
				404, 401));
		rows.put("GET /api/connections/{id}/catalog/er", new Row(
				c -> c.api().get("/api/connections/" + nobody + "/catalog/er?database=x&schema=y").status(), 404, 404,
				404, 401));
		rows.put("POST /api/connections/{id}/sql/export", new Row(c -> c.api().post("/api/connections/" + nobody
				+ "/sql/export", "{\"sql\":\"SELECT 1\",\"format\":\"csv\"}").status(), 404, 404, 404, 401));
		rows.put("POST /api/connections/{id}/sql/explain", new Row(c -> c.api().post("/api/connections/" + nobody
				+ "/sql/explain", "{\"sql\":\"SELECT 1\"}").status(), 404, 404, 404, 401));
		// imports: OPERATOR/ADMIN into connections they may write into; a VIEWER is refused before anything is read
		String imports = "/api/connections/" + nobody + "/imports";
		rows.put("POST /api/connections/{id}/imports/uploads", new Row(c -> c.api().upload(imports + "/uploads?name=a.csv",
				java.net.http.HttpRequest.BodyPublishers.ofString("a\n1\n")).status(), 404, 404, 403, 401));
		rows.put("POST /api/connections/{id}/imports/uploads/{uploadId}/preview", new Row(c -> c.api().post(imports
				+ "/uploads/" + nobody + "/preview", "{}").status(), 404, 404, 403, 401));
		rows.put("DELETE /api/connections/{id}/imports/uploads/{uploadId}", new Row(
				c -> c.api().delete(imports + "/uploads/" + nobody).status(), 404, 404, 403, 401));
		rows.put("POST /api/connections/{id}/imports", new Row(c -> c.api().post(imports, "{\"kind\":\"CSV\"}")
			.status(), 404, 404, 403, 401));
		rows.put("GET /api/connections/{id}/imports/{jobId}", new Row(c -> c.api().get(imports + "/" + nobody).status(),
				404, 404, 404, 401));
		// sessions and maintenance: OPERATOR/ADMIN (a VIEWER is refused before the connection is looked up)
		rows.put("GET /api/connections/{id}/sessions", new Row(
				c -> c.api().get("/api/connections/" + nobody + "/sessions").status(), 404, 404, 403, 401));
		rows.put("POST /api/connections/{id}/sessions/{sid}/cancel", new Row(
				c -> c.api().post("/api/connections/" + nobody + "/sessions/1/cancel", null).status(), 404, 404, 403, 401));
		rows.put("POST /api/connections/{id}/sessions/{sid}/terminate", new Row(c -> c.api()
			.post("/api/connections/" + nobody + "/sessions/x/terminate", null).status(), 404, 404, 403, 401));
		rows.put("POST /api/connections/{id}/sessions/close-idle", new Row(c -> c.api()
			.post("/api/connections/" + nobody + "/sessions/close-idle", "{\"idleSeconds\":60}").status(), 404, 404, 403,
				401));
		rows.put("GET /api/connections/{id}/maintenance/operations", new Row(
				c -> c.api().get("/api/connections/" + nobody + "/maintenance/operations").status(), 404, 404, 404, 401));
		rows.put("POST /api/connections/{id}/maintenance", new Row(c -> c.api()
			.post("/api/connections/" + nobody + "/maintenance", "{\"operation\":\"VACUUM\"}").status(), 404, 404, 403,
				401));
		String schedule = "{\"operation\":\"VACUUM\",\"cron\":\"0 3 * * *\",\"timeZone\":\"UTC\"}";
		rows.put("GET /api/connections/{id}/maintenance/schedules", new Row(
				c -> c.api().get("/api/connections/" + nobody + "/maintenance/schedules").status(), 404, 404, 404, 401));
		rows.put("POST /api/connections/{id}/maintenance/schedules", new Row(c -> c.api()
			.post("/api/connections/" + nobody + "/maintenance/schedules", schedule).status(), 404, 404, 403, 401));
		rows.put("PUT /api/maintenance-schedules/{sid}", new Row(
				c -> c.api().put("/api/maintenance-schedules/" + nobody, schedule).status(), 404, 404, 403, 401));
		rows.put("DELETE /api/maintenance-schedules/{sid}", new Row(
				c -> c.api().delete("/api/maintenance-schedules/" + nobody).status(), 404, 404, 403, 401));
		rows.put("POST /api/connections/{id}/exports", new Row(c -> c.api().post("/api/connections/" + nobody
				+ "/exports", "{\"kind\":\"NOPE\"}").status(), 404, 404, 404, 401));
		rows.put("GET /api/exports/{jobId}/download",
				new Row(c -> c.api().get("/api/exports/" + nobody + "/download").status(), 404, 404, 404, 401));
		rows.put("POST /api/auth/logout", new Row(c -> c.api().post("/api/auth/logout", null).status(), 204, 204, 204,
				401));

		Map<String, TestUser> users = new LinkedHashMap<>();
		Map<String, TestApi> sessions = new LinkedHashMap<>();
		for (String role : List.of("ADMIN", "OPERATOR", "VIEWER")) {
			TestUser user = TestUsers.create(port, role);
			users.put(role, user);
			sessions.put(role, user.login(port));
		}
		sessions.put("ANONYMOUS", TestApi.anonymous(port));
		TestUser target = TestUsers.create(port, "VIEWER");

		List<String> mismatches = new ArrayList<>();
		rows.forEach((endpoint, row) -> {
			for (int i = 0; i < ROLES.length; i++) {
				String role = ROLES[i];
				int actual = row.call().apply(new Caller(role, sessions.get(role), target, users.get(role)));
				if (actual != row.expected()[i]) {
					mismatches.add(endpoint + " as " + role + ": expected " + row.expected()[i] + " but was " + actual);
				}
			}
		});
		assertThat(mismatches).isEmpty();
	}

	record Row(Function<Caller, Integer> call, int... expected) {
	}

	/** The schedule endpoints, on a schedule of a shared connection every role may see. */
	private void scheduleRows(Map<String, Row> rows) {
		TestApi admin = TestApi.admin(port);
		String connection;
		try {
			connection = dev.steward.schedule.ScheduleTesting.tinySqliteConnectionIn(admin,
					java.nio.file.Files.createDirectories(dataDir.resolve("sqlite")), "matrix", true);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
		Function<Boolean, String> schedule = enabled -> {
			var body = dev.steward.schedule.ScheduleTesting.cronSchedule("matrix", connection, "0 3 * * *", "UTC")
				.put("enabled", enabled);
			return dev.steward.schedule.ScheduleTesting.create(admin, body).get("id").asString();
		};
		String id = schedule.apply(false);
		// with the database choice: "all" of a SQLite connection is its one database
		String body = dev.steward.schedule.ScheduleTesting.cronSchedule("matrix", connection, "0 4 * * *", "UTC")
			.put("enabled", false).put("databaseMode", "ALL").toString();
		String preview = "{\"timeZone\":\"UTC\",\"timing\":{\"type\":\"DAILY\",\"hour\":2,\"minute\":0}}";
		rows.put("GET /api/schedules", new Row(c -> c.api().get("/api/schedules").status(), 200, 200, 200, 401));
		rows.put("POST /api/schedules", new Row(c -> c.api().post("/api/schedules", body).status(), 201, 201, 403, 401));
		rows.put("POST /api/schedules/preview",
				new Row(c -> c.api().post("/api/schedules/preview", preview).status(), 200, 200, 200, 401));
		rows.put("GET /api/schedules/{id}", new Row(c -> c.api().get("/api/schedules/" + id).status(), 200, 200, 200, 401));
		rows.put("PUT /api/schedules/{id}",
				new Row(c -> c.api().put("/api/schedules/" + id, body).status(), 200, 200, 403, 401));
		rows.put("POST /api/schedules/{id}/run",
				new Row(c -> c.api().post("/api/schedules/" + id + "/run", null).status(), 202, 202, 403, 401));
		rows.put("GET /api/schedules/{id}/runs",
				new Row(c -> c.api().get("/api/schedules/" + id + "/runs").status(), 200, 200, 200, 401));
		rows.put("GET /api/schedules/{id}/retention/preview",
				new Row(c -> c.api().get("/api/schedules/" + id + "/retention/preview").status(), 200, 200, 200, 401));
		rows.put("DELETE /api/schedules/{id}", new Row(c -> c.api().delete("/api/schedules/"
				+ (c.role().equals("ADMIN") || c.role().equals("OPERATOR") ? schedule.apply(false) : id)).status(),
				204, 204, 403, 401));
	}

	@Value("${steward.data-dir}")
	Path dataDir;

	/**
	 * "May write into this connection's databases" (restore over its database, clean or not, into a new one, or a
	 * test restore) is the right to edit it: its owner or an ADMIN. Another OPERATOR who only sees the shared
	 * connection is refused before the body is even looked at, nothing changes, and the refusal is audited once.
	 */
	@Test
	void writingIntoAConnectionsDatabasesNeedsTheRightToEditIt() throws Exception {
		TestUser owner = TestUsers.create(port, "OPERATOR");
		TestUser other = TestUsers.create(port, "OPERATOR");
		TestUser viewer = TestUsers.create(port, "VIEWER");
		TestApi ownerApi = owner.login(port);
		Path dir = Files.createDirectories(dataDir.resolve("sqlite").resolve("rights-" + UUID.randomUUID()));
		Path db = Files.copy(BackupFixtures.datasets().resolve("chinook/Chinook_Sqlite.sqlite"), dir.resolve("shared.sqlite"));
		TestApi.Response created = ownerApi.post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", "shared " + UUID.randomUUID()).put("engine", "SQLITE").put("filePath", db.toString())
			.put("shared", true).toString());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String connection = created.json().get("id").asString();
		String backup = ownerApi.post("/api/backups", "{\"connectionId\":\"" + connection + "\"}").json().get("id").asString();
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(
				() -> "COMPLETED".equals(ownerApi.get("/api/backups/" + backup).json().get("status").asString()));

		Map<String, TestApi> callers = new LinkedHashMap<>();
		callers.put("ADMIN", TestApi.admin(port));
		callers.put("OPERATOR owner", ownerApi);
		callers.put("OPERATOR non-owner", other.login(port));
		callers.put("VIEWER", viewer.login(port));
		Map<String, Boolean> editable = new LinkedHashMap<>();
		callers.forEach((who, api) -> editable.put(who, api.get("/api/connections/" + connection).json().get("editable").asBoolean()));
		assertThat(editable).containsExactly(Map.entry("ADMIN", true), Map.entry("OPERATOR owner", true),
				Map.entry("OPERATOR non-owner", false), Map.entry("VIEWER", false));

		Map<String, int[]> expected = new LinkedHashMap<>();
		// over the existing database, cleaning it, into a new database, a test restore, a bad body
		// (a restore or verification that is allowed answers 202 with its job, which must then complete)
		expected.put("ADMIN", new int[] { 202, 202, 202, 202, 400 });
		expected.put("OPERATOR owner", new int[] { 202, 202, 202, 202, 400 });
		expected.put("OPERATOR non-owner", new int[] { 403, 403, 403, 403, 403 });
		expected.put("VIEWER", new int[] { 403, 403, 403, 403, 403 });
		List<String> mismatches = new ArrayList<>();
		callers.forEach((who, api) -> {
			byte[] before = read(db);
			String fresh = "new-" + UUID.randomUUID().toString().substring(0, 8) + ".sqlite";
			int[] actual = {
					completed(api, restore(api, backup, connection, "shared.sqlite", false, false), mismatches),
					completed(api, restore(api, backup, connection, "shared.sqlite", false, true), mismatches),
					completed(api, restore(api, backup, connection, fresh, true, false), mismatches),
					completed(api, api.post("/api/backups/" + backup + "/verify", "{\"testRestore\":true}"), mismatches),
					api.post("/api/backups/" + backup + "/restore", TestApi.JSON.createObjectNode()
						.put("targetConnectionId", connection).put("database", "../../etc/x").put("confirm", "")
						.toString()).status() };
			if (!Arrays.equals(actual, expected.get(who))) {
				mismatches.add(who + ": expected " + Arrays.toString(expected.get(who)) + " but was " + Arrays.toString(actual));
			}
			if (!editable.get(who)) {
				if (!Arrays.equals(read(db), before) || Files.exists(dir.resolve(fresh))) {
					mismatches.add(who + " changed the connection's files");
				}
			}
		});
		assertThat(mismatches).isEmpty();

		// each refused call is one DENIED record naming the caller and the call
		TestApi admin = TestApi.admin(port);
		for (TestUser refused : List.of(other, viewer)) {
			JsonNode items = admin.get("/api/audit?actor=" + refused.username() + "&targetId=" + backup + "&size=50").json()
				.get("items");
			List<String> records = new ArrayList<>();
			items.forEach(r -> records.add(r.get("action").asString() + " " + r.get("outcome").asString() + " "
					+ r.get("detail").asString()));
			assertThat(records).as(refused.role()).hasSize(5).allSatisfy(r -> assertThat(r).startsWith("http.post DENIED POST /api/backups/" + backup + "/"));
			assertThat(records.stream().filter(r -> r.contains("/restore \u2192 403"))).hasSize(4);
			assertThat(records.stream().filter(r -> r.contains("/verify \u2192 403"))).hasSize(1);
			assertThat(admin.get("/api/audit?actor=" + refused.username() + "&action=backup.restore").json().get("items")
				.size()).isZero();
		}
	}

	/** The call's status; a started job is awaited and must complete. */
	private static int completed(TestApi api, TestApi.Response r, List<String> mismatches) {
		if (r.status() == 202) {
			JsonNode job = dev.steward.test.JobsTesting.awaitJob(api, r.json().get("id").asString());
			if (!job.get("status").asString().equals("COMPLETED")) {
				mismatches.add("job " + job + " did not complete");
			}
		}
		return r.status();
	}

	private static TestApi.Response restore(TestApi api, String backup, String connection, String database,
			boolean newDatabase, boolean clean) {
		return api.post("/api/backups/" + backup + "/restore", TestApi.JSON.createObjectNode()
			.put("targetConnectionId", connection).put("database", database).put("newDatabase", newDatabase)
			.put("clean", clean).put("confirm", database).toString());
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/** Storage targets: everyone reads (VIEWERs names only), ADMIN writes and tests; rights before validation. */
	private void storageTargetRows(Map<String, Row> rows, TestApi admin) {
		Function<String, String> body = name -> TestApi.JSON.createObjectNode().put("name", name).put("kind", "LOCAL")
			.put("path", dataDir.resolve("targets").resolve(name).toString()).toString();
		String target = admin.post("/api/storage-targets", body.apply(TestUsers.uniqueName("target"))).json().get("id")
			.asString();
		rows.put("GET /api/storage-targets",
				new Row(c -> c.api().get("/api/storage-targets").status(), 200, 200, 200, 401));
		rows.put("GET /api/storage-targets/{id}",
				new Row(c -> c.api().get("/api/storage-targets/" + target).status(), 200, 200, 200, 401));
		rows.put("POST /api/storage-targets", new Row(c -> c.api().post("/api/storage-targets",
				body.apply(TestUsers.uniqueName("target"))).status(), 201, 403, 403, 401));
		rows.put("POST /api/storage-targets (invalid body)", new Row(
				c -> c.api().post("/api/storage-targets", "{\"kind\":\"NOPE\"}").status(), 400, 403, 403, 401));
		rows.put("PUT /api/storage-targets/{id}", new Row(c -> c.api().put("/api/storage-targets/" + target,
				body.apply(TestUsers.uniqueName("target"))).status(), 200, 403, 403, 401));
		rows.put("POST /api/storage-targets/{id}/test", new Row(
				c -> c.api().post("/api/storage-targets/" + target + "/test", null).status(), 200, 403, 403, 401));
		rows.put("DELETE /api/storage-targets/{id}", new Row(c -> {
			String doomed = admin.post("/api/storage-targets", body.apply(TestUsers.uniqueName("target"))).json()
				.get("id").asString();
			return c.api().delete("/api/storage-targets/" + doomed).status();
		}, 204, 403, 403, 401));
	}
}
