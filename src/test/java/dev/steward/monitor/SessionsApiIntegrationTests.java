package dev.steward.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * The sessions API on real PostgreSQL and MariaDB scratch databases, one contract for both engines: a session the
 * test opens is listed with its query, a blocked one names its blocker, cancel stops its statement, terminate ends it
 * (gone within 2 s), close-idle ends idle sessions past the threshold and never Steward's own, hostile ids and
 * Steward's own sessions are refused, a VIEWER is refused before input is read, every action is audited.
 */
@IntegrationTest
class SessionsApiIntegrationTests {

	/** What differs between the engines under the one contract: only test-side SQL and URLs. */
	enum Target {
		POSTGRESQL(() -> ScratchDatabases.postgres("sess"), "SELECT pg_backend_pid()", "SELECT pg_sleep(30)", "pg_sleep"),
		MARIADB(() -> ScratchDatabases.mariadb("sess"), "SELECT CONNECTION_ID()", "SELECT SLEEP(30)", "SLEEP");

		final Supplier<Scratch> scratch;

		final String idSql;

		final String sleepSql;

		final String sleepWord;

		Target(Supplier<Scratch> scratch, String idSql, String sleepSql, String sleepWord) {
			this.scratch = scratch;
			this.idSql = idSql;
			this.sleepSql = sleepSql;
			this.sleepWord = sleepWord;
		}

		String url(Scratch db) {
			return this == POSTGRESQL ? "postgresql://" + ScratchDatabases.PG_USER + "@127.0.0.1:5432/" + db.name()
					: "mysql://" + ScratchDatabases.MARIADB_USER + "@127.0.0.1:3306/" + db.name();
		}
	}

	@LocalServerPort
	int port;

	Scratch db;

	final List<Connection> opened = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (Connection c : opened) {
			try {
				c.close();
			}
			catch (Exception e) {
				// terminated by the test
			}
		}
		if (db != null) {
			db.close();
		}
	}

	String setUp(Target target, TestApi admin) {
		db = target.scratch.get();
		db.exec("CREATE TABLE t (id int PRIMARY KEY, v int)", "INSERT INTO t VALUES (1, 0)");
		TestApi.Response created = admin.post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", "sessions " + UUID.randomUUID()).put("url", target.url(db)).put("shared", true).toString());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	Connection open() throws Exception {
		Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
		opened.add(c);
		return c;
	}

	static String id(Target target, Connection c) throws Exception {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(target.idSql)) {
			rs.next();
			return rs.getString(1);
		}
	}

	static List<JsonNode> sessions(TestApi api, String connection) {
		TestApi.Response r = api.get("/api/connections/" + connection + "/sessions");
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return StreamSupport.stream(r.json().spliterator(), false).toList();
	}

	static Optional<JsonNode> session(TestApi api, String connection, String id) {
		return sessions(api, connection).stream().filter(s -> s.get("id").asString().equals(id)).findFirst();
	}

	static CompletableFuture<Void> runAsync(Connection c, String sql) {
		return CompletableFuture.runAsync(() -> {
			try (Statement s = c.createStatement()) {
				s.execute(sql);
			}
			catch (Exception e) {
				// cancelled, killed or unblocked by the test
			}
		});
	}

	@ParameterizedTest
	@EnumSource(Target.class)
	void listCancelAndTerminateATestSessionButNeverStewardsOwn(Target target) throws Exception {
		TestApi admin = TestApi.admin(port);
		String connection = setUp(target, admin);
		Connection sleeper = open();
		String sleeperId = id(target, sleeper);
		CompletableFuture<Void> sleeping = runAsync(sleeper, target.sleepSql);

		await().atMost(Duration.ofSeconds(10)).until(() -> session(admin, connection, sleeperId)
			.map(s -> s.get("query").asString().contains(target.sleepWord)).orElse(false));
		JsonNode listed = session(admin, connection, sleeperId).orElseThrow();
		assertThat(listed.get("steward").asBoolean()).isFalse();
		assertThat(listed.get("user").asString()).isNotBlank();
		assertThat(listed.get("client").asString()).contains("127.0.0.1");
		assertThat(listed.get("database").asString()).isEqualTo(db.name());
		JsonNode own = sessions(admin, connection).stream().filter(s -> s.get("steward").asBoolean()).findFirst()
			.orElseThrow(() -> new AssertionError("Steward's own listing session is marked"));

		TestApi.Response refused = admin.post("/api/connections/" + connection + "/sessions/" + own.get("id").asString()
				+ "/terminate", null);
		assertThat(refused.status()).as(refused.body()).isEqualTo(409);
		assertThat(admin.post("/api/connections/" + connection + "/sessions/close-idle", "{\"idleSeconds\":0}").status())
			.isEqualTo(400);
		for (String hostile : List.of("1;DROP%20TABLE%20t", "-1", "0", "abc", "99999999999999999999999", "1%20OR%201=1")) {
			assertThat(admin.post("/api/connections/" + connection + "/sessions/" + hostile + "/cancel", null).status())
				.as(hostile).isEqualTo(400);
		}
		assertThat(admin.post("/api/connections/" + connection + "/sessions/2147483000/cancel", null).status())
			.as("no such session").isEqualTo(404);

		TestApi.Response cancelled = admin.post("/api/connections/" + connection + "/sessions/" + sleeperId + "/cancel",
				null);
		assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
		sleeping.get(5, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(session(admin, connection, sleeperId)).as("cancel keeps the session").isPresent();

		TestApi.Response terminated = admin.post("/api/connections/" + connection + "/sessions/" + sleeperId
				+ "/terminate", null);
		assertThat(terminated.status()).as(terminated.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(200))
			.until(() -> session(admin, connection, sleeperId).isEmpty());
		assertThat(sessions(admin, connection)).as("Steward's own sessions survive")
			.anyMatch(s -> s.get("steward").asBoolean());

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				admin.get("/api/audit?targetId=" + connection + "&size=50").json().toString())
			.contains("session.cancel", "session.terminate"));
	}

	@ParameterizedTest
	@EnumSource(Target.class)
	void aBlockedSessionNamesItsBlockerAndCloseIdleEndsOnlyOldIdleOnes(Target target) throws Exception {
		TestApi admin = TestApi.admin(port);
		String connection = setUp(target, admin);
		Connection holder = open();
		holder.setAutoCommit(false);
		try (Statement s = holder.createStatement()) {
			s.executeUpdate("UPDATE t SET v = 1 WHERE id = 1");
		}
		String holderId = id(target, holder);
		Connection waiter = open();
		String waiterId = id(target, waiter);
		CompletableFuture<Void> blocked = runAsync(waiter, "UPDATE t SET v = 2 WHERE id = 1");
		await().atMost(Duration.ofSeconds(10)).until(() -> session(admin, connection, waiterId)
			.map(s -> s.get("blockedBy").toString().contains("\"" + holderId + "\"")).orElse(false));

		Connection idle = open();
		String idleId = id(target, idle);
		List<String> stewardBefore = sessions(admin, connection).stream().filter(s -> s.get("steward").asBoolean())
			.map(s -> s.get("id").asString()).toList();
		assertThat(stewardBefore).isNotEmpty();
		Thread.sleep(2500);
		TestApi.Response closed = admin.post("/api/connections/" + connection + "/sessions/close-idle",
				"{\"idleSeconds\":2}");
		assertThat(closed.status()).as(closed.body()).isEqualTo(200);
		List<String> ids = StreamSupport.stream(closed.json().get("closed").spliterator(), false)
			.map(JsonNode::asString).toList();
		assertThat(ids).contains(idleId).doesNotContain(holderId, waiterId).doesNotContainAnyElementsOf(stewardBefore);
		await().atMost(Duration.ofSeconds(2)).until(() -> session(admin, connection, idleId).isEmpty());
		assertThat(session(admin, connection, holderId)).as("idle in a transaction is not idle").isPresent();
		assertThat(admin.get("/api/connections/" + connection + "/sessions").status())
			.as("Steward still reaches the target").isEqualTo(200);
		holder.rollback();
		blocked.get(5, java.util.concurrent.TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				admin.get("/api/audit?action=session.close-idle&targetId=" + connection + "&size=20").json().toString())
			.contains(idleId));
	}

	@ParameterizedTest
	@EnumSource(Target.class)
	void aViewerIsRefusedBeforeTheBodyIsReadAndAnOperatorOnlyOnTheirOwn(Target target) throws Exception {
		TestApi admin = TestApi.admin(port);
		String connection = setUp(target, admin);
		TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
		TestApi operator = TestUsers.create(port, "OPERATOR").login(port);
		assertThat(viewer.get("/api/connections/" + connection + "/sessions").status()).isEqualTo(403);
		assertThat(viewer.post("/api/connections/" + connection + "/sessions/1/cancel", null).status()).isEqualTo(403);
		assertThat(viewer.post("/api/connections/" + connection + "/sessions/x/terminate", null).status())
			.isEqualTo(403);
		assertThat(viewer.post("/api/connections/" + connection + "/sessions/close-idle", "{\"idleSeconds\":\"x\"}")
			.status()).as("rights before input").isEqualTo(403);
		assertThat(operator.get("/api/connections/" + connection + "/sessions").status()).isEqualTo(200);
		assertThat(operator.post("/api/connections/" + connection + "/sessions/close-idle", "{\"idleSeconds\":60}")
			.status()).as("someone else's shared connection").isEqualTo(403);
	}
}
