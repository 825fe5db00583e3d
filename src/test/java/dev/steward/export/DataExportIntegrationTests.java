package dev.steward.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.Datasets;
import dev.steward.test.IntegrationTest;
import dev.steward.test.JobsTesting;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import dev.steward.test.TestUsers.TestUser;
import tools.jackson.databind.JsonNode;

/**
 * Data exports on real PostgreSQL (Chinook): two tables as a zip of CSVs with every row, a cancelled export that
 * leaves no file and no statement behind, and downloads only for the user who started the export (or an ADMIN).
 */
@IntegrationTest
class DataExportIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@Test
	void twoTablesBecomeAZipOfCsvsWithEveryRow() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Scratch db = ScratchDatabases.postgres("exp_data")) {
			Datasets.chinookPostgres(db);
			String id = ExportTargets.postgres(admin, db, false);
			JsonNode job = ExportTargets.complete(admin, id,
					"{\"kind\":\"DATA\",\"schema\":\"public\",\"tables\":[\"artist\",\"genre\"],\"format\":\"csv\"}");
			Map<String, Integer> records = new LinkedHashMap<>();
			try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(
					ExportTargets.download(admin, job.get("id").asString())))) {
				ZipEntry e;
				while ((e = zip.getNextEntry()) != null) {
					String csv = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
					// RFC 4180: CRLF after each record, the header first; Chinook's names hold no line breaks
					records.put(e.getName(), csv.split("\r\n", -1).length - 2);
				}
			}
			assertThat(records).containsExactly(Map.entry("artist.csv", count(db, "artist")),
					Map.entry("genre.csv", count(db, "genre")));
			assertThat(job.get("progress").get("unit").asString()).isEqualTo("ROWS");
			assertThat(job.get("progress").get("done").asLong()).isEqualTo(count(db, "artist") + count(db, "genre"));

			// one table: the file itself
			JsonNode single = ExportTargets.complete(admin, id,
					"{\"kind\":\"DATA\",\"tables\":[\"genre\"],\"format\":\"json\"}");
			String json = ExportTargets.text(admin, single.get("id").asString());
			assertThat(TestApi.JSON.readTree(json).size()).isEqualTo(count(db, "genre"));
		}
	}

	@Test
	void aCancelledExportLeavesNoFileAndNoStatement() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Scratch db = ScratchDatabases.postgres("exp_cancel")) {
			db.exec("CREATE VIEW slow AS SELECT g, pg_sleep(60)::text AS slept FROM generate_series(1, 1) g");
			String id = ExportTargets.postgres(admin, db, false);
			String job = ExportTargets.start(admin, id, "{\"kind\":\"DATA\",\"tables\":[\"slow\"],\"format\":\"csv\"}");
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sleeping(db) > 0);
			assertThat(Files.exists(exportDir().resolve(job + ".part"))).isTrue();
			TestApi.Response cancel = admin.post("/api/jobs/" + job + "/cancel", null);
			assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
			JsonNode done = JobsTesting.awaitJob(admin, job);
			assertThat(done.get("status").asString()).isEqualTo("CANCELLED");
			Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> sleeping(db) == 0);
			try (Stream<Path> left = Files.list(exportDir())) {
				assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(job))).isEmpty();
			}
			assertThat(admin.getBytes("/api/exports/" + job + "/download").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void aViewerMayCancelTheirOwnExportButNotAnotherUsers() throws Exception {
		TestUser owner = TestUsers.create(port, "VIEWER");
		TestUser other = TestUsers.create(port, "VIEWER");
		TestApi admin = TestApi.admin(port);
		try (Scratch db = ScratchDatabases.postgres("exp_vcancel")) {
			db.exec("CREATE VIEW slow AS SELECT g, pg_sleep(60)::text AS slept FROM generate_series(1, 1) g");
			String id = ExportTargets.postgres(admin, db, true);
			TestApi viewer = owner.login(port);
			String job = ExportTargets.start(viewer, id, "{\"kind\":\"DATA\",\"tables\":[\"slow\"],\"format\":\"csv\"}");
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sleeping(db) > 0);
			// the other viewer sees jobs on the shared connection, but may not stop someone else's
			TestApi.Response refused = other.login(port).post("/api/jobs/" + job + "/cancel", null);
			assertThat(refused.status()).as(refused.body()).isEqualTo(403);
			TestApi.Response cancel = viewer.post("/api/jobs/" + job + "/cancel", null);
			assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
			assertThat(JobsTesting.awaitJob(viewer, job).get("status").asString()).isEqualTo("CANCELLED");
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sleeping(db) == 0);
		}
	}

	@Test
	void onlyTheUserWhoStartedAnExportOrAnAdminMayDownloadIt() throws Exception {
		TestUser alice = TestUsers.create(port, "OPERATOR");
		TestUser bob = TestUsers.create(port, "OPERATOR");
		TestUser viewer = TestUsers.create(port, "VIEWER");
		TestApi a = alice.login(port);
		try (Scratch db = ScratchDatabases.postgres("exp_rights")) {
			db.exec("CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t VALUES (1), (2)");
			String id = ExportTargets.postgres(a, db, true);
			JsonNode job = ExportTargets.complete(a, id, "{\"kind\":\"DATA\",\"tables\":[\"t\"],\"format\":\"csv\"}");
			String path = "/api/exports/" + job.get("id").asString() + "/download";
			assertThat(bob.login(port).getBytes(path).statusCode()).isEqualTo(404);
			assertThat(viewer.login(port).getBytes(path).statusCode()).isEqualTo(404);
			assertThat(TestApi.anonymous(port).getBytes(path).statusCode()).isEqualTo(401);
			assertThat(new String(ExportTargets.download(a, job.get("id").asString()), StandardCharsets.UTF_8))
				.isEqualTo("id\r\n1\r\n2\r\n");
			assertThat(ExportTargets.download(TestApi.admin(port), job.get("id").asString())).isNotEmpty();

			// a connection the caller cannot see is 404 before the body is looked at
			TestApi.Response hidden = viewer.login(port).post("/api/connections/" + ExportTargets.postgres(a, db, false)
					+ "/exports", "{\"kind\":\"NOPE\"}");
			assertThat(hidden.status()).as(hidden.body()).isEqualTo(404);
		}
	}

	private Path exportDir() {
		return dataDir.resolve("exports");
	}

	private static int count(Scratch db, String table) throws Exception {
		try (Connection c = db.connect(); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
			rs.next();
			return rs.getInt(1);
		}
	}

	private static int sleeping(Scratch db) {
		try (Connection c = java.sql.DriverManager.getConnection(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER,
				ScratchDatabases.PG_PASSWORD); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db.name()
						+ "' AND query LIKE '%slow%' AND state = 'active'")) {
			rs.next();
			return rs.getInt(1);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
