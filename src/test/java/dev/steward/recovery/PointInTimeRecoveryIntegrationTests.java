package dev.steward.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.JobsTesting;
import dev.steward.test.OwnPostgresServer;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Point-in-time recovery end to end on a PostgreSQL server of the test's own (wal_level=replica, replication allowed
 * by initdb's trust entries): enable (slot, receiver, base backup), rows at T1 and T2, restore to T1, to the latest
 * WAL and to a restore point, each into a restored instance that is then removed; plus refusals.
 */
@IntegrationTest
class PointInTimeRecoveryIntegrationTests {

	private static OwnPostgresServer server;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startServer() throws Exception {
		server = OwnPostgresServer.start("wal_level=replica", "max_wal_senders=5", "max_replication_slots=5");
		server.exec("postgres", "CREATE DATABASE pitr");
		server.exec("pitr", "CREATE TABLE t (id int PRIMARY KEY, phase text NOT NULL)");
	}

	@AfterAll
	static void stopServer() throws Exception {
		if (server != null) {
			server.close();
		}
	}

	private String register(TestApi admin, int serverPort, String database) {
		TestApi.Response created = admin.post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", "pitr " + UUID.randomUUID())
			.put("url", "postgresql://postgres@127.0.0.1:" + serverPort + "/" + database).toString());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	@Test
	void restoresToATimeToTheLatestWalAndToARestorePoint() throws Exception {
		TestApi admin = TestApi.admin(port);
		String id = register(admin, server.port(), "pitr");
		String base = "/api/connections/" + id + "/recovery";
		try {
			TestApi.Response enabled = admin.post(base + "/enable", null);
			assertThat(enabled.status()).as(enabled.body()).isEqualTo(202);
			JsonNode job = JobsTesting.awaitJob(admin, enabled.json().get("id").asString());
			assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMPLETED");

			server.exec("pitr", "INSERT INTO t SELECT g, 'T1' FROM generate_series(1, 3) g");
			Thread.sleep(1200);
			Instant t1 = Instant.now();
			Thread.sleep(1200);
			server.exec("pitr", "INSERT INTO t SELECT g, 'T2' FROM generate_series(4, 6) g");
			TestApi.Response point = admin.post(base + "/restore-points", "{\"name\":\"before T3\"}");
			assertThat(point.status()).as(point.body()).isEqualTo(201);
			server.exec("pitr", "INSERT INTO t SELECT g, 'T3' FROM generate_series(7, 9) g");
			awaitArchived(admin, base, switchWal());

			JsonNode status = admin.get(base).json();
			assertThat(status.get("archiver").asString()).isEqualTo("RUNNING");
			assertThat(status.get("gap").isNull()).isTrue();
			assertThat(Instant.parse(status.get("window").get("from").asString())).isBefore(t1);

			// outside the window: refused before anything starts
			TestApi.Response early = admin.post(base + "/restore", "{\"time\":\"2001-01-01T00:00:00Z\"}");
			assertThat(early.status()).as(early.body()).isEqualTo(400);
			assertThat(early.body()).contains("outside the recoverable window");
			TestApi.Response late = admin.post(base + "/restore", "{\"lsn\":\"FFFFFFFF/0\"}");
			assertThat(late.status()).as(late.body()).isEqualTo(400);

			assertThat(restoreAndCount(admin, base, "{\"time\":\"" + t1 + "\"}")).containsExactly("1:T1", "2:T1", "3:T1");
			assertThat(restoreAndCount(admin, base, "{\"restorePoint\":\"before T3\"}")).hasSize(6)
				.allMatch(r -> r.endsWith("T1") || r.endsWith("T2"));
			assertThat(restoreAndCount(admin, base, "{\"latest\":true}")).hasSize(9).contains("9:T3");
		}
		finally {
			admin.post(base + "/disable", null);
		}
	}

	private static String switchWal() throws Exception {
		try (Connection c = server.connect("pitr"); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT pg_walfile_name(pg_switch_wal())")) {
			rs.next();
			return rs.getString(1);
		}
	}

	private static void awaitArchived(TestApi admin, String base, String segment) {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
			JsonNode s = admin.get(base).json();
			JsonNode last = s.get("lastSegment");
			return last != null && !last.isNull() && last.asString().compareTo(segment) >= 0;
		});
	}

	/** Restores, reads the restored instance's rows ("id:phase" in id order), removes the instance. */
	private static List<String> restoreAndCount(TestApi admin, String base, String target) throws Exception {
		TestApi.Response started = admin.post(base + "/restore", target);
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		JsonNode job = JobsTesting.awaitJob(admin, started.json().get("id").asString());
		assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMPLETED");
		String instance = job.get("resultRef").asString();
		JsonNode connection = admin.get("/api/connections/" + instance).json();
		int instancePort = connection.get("port").asInt();
		List<String> rows = new ArrayList<>();
		try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + instancePort + "/pitr",
				"postgres", ""); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT id, phase FROM t ORDER BY id")) {
			while (rs.next()) {
				rows.add(rs.getInt(1) + ":" + rs.getString(2));
			}
		}
		TestApi.Response removed = admin.delete("/api/restored-instances/" + instance);
		assertThat(removed.status()).as(removed.body()).isEqualTo(204);
		assertThat(admin.get("/api/connections/" + instance).status()).isEqualTo(404);
		return rows;
	}

	@Test
	void hostileInputsAndRolesAreRefused() {
		TestApi admin = TestApi.admin(port);
		try (ScratchDatabases.Scratch db = ScratchDatabases.postgres("pitr_hostile")) {
			String id = register(admin, 5432, db.name());
			String base = "/api/connections/" + id + "/recovery";
			TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
			assertThat(viewer.post(base + "/enable", null).status()).isEqualTo(403);
			assertThat(viewer.post(base + "/restore", "{\"latest\":true}").status()).isEqualTo(403);
			assertThat(viewer.post(base + "/restore-points", "{\"name\":\"x\"}").status()).isEqualTo(403);
			assertThat(viewer.delete("/api/restored-instances/" + id).status()).isEqualTo(403);
			// another operator may not write into the admin's server
			TestApi operator = TestUsers.create(port, "OPERATOR").login(port);
			assertThat(operator.post(base + "/enable", null).status()).isIn(403, 404);

			TestApi.Response quotes = admin.post(base + "/restore-points", "{\"name\":\"x'); DROP TABLE t; --\"}");
			assertThat(quotes.status()).as(quotes.body()).isEqualTo(400);
			assertThat(quotes.body()).contains("name");
			TestApi.Response badLsn = admin.post(base + "/restore", "{\"lsn\":\"0/XYZ; rm -rf /\"}");
			assertThat(badLsn.status()).as(badLsn.body()).isEqualTo(400);
			assertThat(badLsn.body()).contains("lsn");
			TestApi.Response two = admin.post(base + "/restore", "{\"latest\":true,\"lsn\":\"0/1\"}");
			assertThat(two.status()).as(two.body()).isEqualTo(400);
			TestApi.Response badTime = admin.post(base + "/restore", "{\"time\":\"yesterday\"}");
			assertThat(badTime.status()).as(badTime.body()).isEqualTo(400);
			// not enabled: a clear conflict, and the status says so
			assertThat(admin.post(base + "/restore", "{\"latest\":true}").status()).isEqualTo(409);
			assertThat(admin.get(base).json().get("enabled").asBoolean()).isFalse();
		}
	}
}
