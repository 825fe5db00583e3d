package dev.steward.dataimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.dataimport.ImportTargets.Kind;
import dev.steward.dataimport.ImportTargets.Target;
import dev.steward.dataimport.internal.UploadStore;
import dev.steward.test.IntegrationTest;
import dev.steward.test.JobsTesting;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * CSV and SQL script imports end to end on real PostgreSQL and MariaDB scratch databases and a SQLite file: quoting,
 * embedded line breaks, NULLs and UTF-8 arrive exactly; a refused row fails the whole import with its line and leaves
 * the table as it was; a failing script statement rolls back the ones before it where DDL is transactional; rights
 * come before the body; the upload limit answers 413; a cancelled import leaves nothing.
 */
@IntegrationTest
class ImportIntegrationTests {

	static final String CSV = """
			id,name,note,score
			1,"Smith, Jane","line one
			line two",12.50
			2,Zoë 日本,,7
			3,"He said ""hi""\","",-1.25
			""";

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@Autowired
	UploadStore uploads;

	@ParameterizedTest
	@EnumSource(Kind.class)
	void csvWithHeaderQuotesLineBreaksNullsAndUtf8ArrivesExactly(Kind kind) throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ImportTargets.create(admin, kind, dataDir)) {
			target.createPeople();
			String upload = ImportTargets.upload(admin, target, "people.csv", CSV);
			JsonNode preview = ImportTargets.preview(admin, target, upload, "people");
			assertThat(preview.get("options").get("header").asBoolean()).isTrue();
			assertThat(preview.get("options").get("delimiter").asString()).isEqualTo(",");
			assertThat(preview.get("options").get("encoding").asString()).isEqualTo("UTF-8");
			assertThat(preview.get("fileColumns").toString()).isEqualTo("[\"id\",\"name\",\"note\",\"score\"]");
			assertThat(preview.get("suggestedMapping").toString()).isEqualTo("[\"id\",\"name\",\"note\",\"score\"]");
			assertThat(preview.get("rows")).hasSize(3);
			assertThat(preview.get("rows").get(1).get(2).isNull()).isTrue();

			JsonNode result = ImportTargets.finish(admin, target, ImportTargets.startCsv(admin, target, upload, "people",
					preview));
			assertThat(result.get("error").isNull()).as(result.toString()).isTrue();
			assertThat(result.get("rows").asLong()).isEqualTo(3);
			var rows = target.rows("SELECT id, name, note FROM people ORDER BY id");
			assertThat(rows).hasSize(3);
			assertThat(rows.get(0).get(1)).isEqualTo("Smith, Jane");
			assertThat(rows.get(0).get(2)).isEqualTo("line one\nline two");
			assertThat(rows.get(1).get(1)).isEqualTo("Zoë 日本");
			assertThat(rows.get(1).get(2)).isNull(); // unquoted empty: NULL
			assertThat(rows.get(2).get(1)).isEqualTo("He said \"hi\"");
			assertThat(rows.get(2).get(2)).isEqualTo(""); // quoted empty: the empty string
			if (kind == Kind.POSTGRESQL) {
				assertThat(target.rows("SELECT score FROM people ORDER BY id").stream().map(r -> r.get(0)).toList())
					.containsExactly("12.50", "7.00", "-1.25");
				Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(admin
					.get("/api/audit?targetId=" + target.connectionId() + "&size=50").body()).contains("import.upload")
					.contains("import.start").contains("import.finish"));
			}
			// the upload is gone once its import ended
			assertThat(admin.post(target.base() + "/uploads/" + upload + "/preview", "{}").status()).isEqualTo(404);
		}
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void aRefusedRowFailsTheWholeImportWithItsLine(Kind kind) throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ImportTargets.create(admin, kind, dataDir)) {
			target.createPeople();
			target.exec("INSERT INTO people (id, name) VALUES (-1, 'kept'), (-2, 'kept too')");
			StringBuilder csv = new StringBuilder("id,name,note,score\n");
			// line 2 onwards; record 10 spans two lines, so record n (from 1) starts on line n + 1, or n + 2 after it
			int badRecord = 700;
			for (int n = 1; n <= 800; n++) {
				String note = n == 10 ? "\"two\nlines\"" : "note " + n;
				String name = n == badRecord ? "" : "name " + n; // empty: NULL, refused by NOT NULL
				csv.append(n).append(',').append(name).append(',').append(note).append(',').append(n).append('\n');
			}
			int badLine = badRecord + 2;
			String upload = ImportTargets.upload(admin, target, "bad.csv", csv.toString());
			JsonNode preview = ImportTargets.preview(admin, target, upload, "people");
			JsonNode job = ImportTargets.startCsv(admin, target, upload, "people", preview);
			JsonNode finished = JobsTesting.awaitJob(admin, job.get("id").asString());
			assertThat(finished.get("status").asString()).isEqualTo("FAILED");
			assertThat(JobsTesting.message(finished)).contains("Line " + badLine);
			JsonNode result = admin.get(target.base() + "/" + job.get("id").asString()).json();
			assertThat(result.get("line").asLong()).isEqualTo(badLine);
			assertThat(result.get("committed").asBoolean()).isFalse();
			assertThat(target.count("people")).isEqualTo(2);

			// a malformed record (a quote never closed) is reported with its line and column too
			String broken = ImportTargets.upload(admin, target, "broken.csv", "id,name,note,score\n1,a,b,1\n2,\"open,c,2\n");
			JsonNode brokenJob = ImportTargets.startCsv(admin, target, broken, "people", preview);
			JsonNode brokenResult = ImportTargets.finish(admin, target, brokenJob);
			assertThat(brokenResult.get("line").asLong()).isEqualTo(3);
			assertThat(brokenResult.get("error").asString()).contains("Line 3, column 2");
			assertThat(target.count("people")).isEqualTo(2);
		}
	}

	@Test
	void aFailingScriptStatementRollsBackTheOnesBeforeItOnPostgres() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ImportTargets.create(admin, Kind.POSTGRESQL, dataDir)) {
			String script = """
					CREATE TABLE first_table (a integer);
					INSERT INTO first_table VALUES (1);
					INSERT INTO missing_table VALUES (2);
					CREATE TABLE never_made (b integer);
					""";
			String upload = ImportTargets.upload(admin, target, "script.sql", script);
			JsonNode job = ImportTargets.startSql(admin, target, upload);
			JsonNode finished = JobsTesting.awaitJob(admin, job.get("id").asString());
			assertThat(finished.get("status").asString()).isEqualTo("FAILED");
			assertThat(JobsTesting.message(finished)).contains("Statement 3 at line 3").contains("missing_table");
			assertThat(target.rows("SELECT count(*) FROM pg_tables WHERE tablename IN ('first_table', 'never_made')")
				.get(0).get(0)).isEqualTo("0");
		}
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void aScriptRunsStatementByStatement(Kind kind) throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ImportTargets.create(admin, kind, dataDir)) {
			String script = """
					-- a comment; with a semicolon
					CREATE TABLE made (a integer, b varchar(20));
					INSERT INTO made VALUES (1, 'x;y');
					INSERT INTO made VALUES (2, 'it''s');
					""";
			String upload = ImportTargets.upload(admin, target, "script.sql", script);
			JsonNode result = ImportTargets.finish(admin, target, ImportTargets.startSql(admin, target, upload));
			assertThat(result.get("error").isNull()).as(result.toString()).isTrue();
			assertThat(result.get("statements").asLong()).isEqualTo(3);
			assertThat(target.rows("SELECT b FROM made ORDER BY a").stream().map(r -> r.get(0)).toList())
				.containsExactly("x;y", "it's");
		}
	}

	@Test
	void viewersAndOthersAreRefusedBeforeTheBodyIsLookedAt() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ImportTargets.create(admin, Kind.SQLITE, dataDir)) {
			String upload = ImportTargets.upload(admin, target, "x.csv", "a\n1\n");
			TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
			TestApi.Response refused = viewer.upload(target.base() + "/uploads",
					HttpRequest.BodyPublishers.ofString("a\n1\n"));
			assertThat(refused.status()).isEqualTo(403);
			assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
			assertThat(viewer.post(target.base(), "{\"kind\":\"NOPE\"").status()).isEqualTo(403);
			assertThat(viewer.post(target.base(), "{}").status()).isEqualTo(403);
			assertThat(viewer.post(target.base() + "/uploads/" + upload + "/preview", "{}").status()).isEqualTo(403);

			// an OPERATOR sees the shared connection but may not write into another's: 403 before validation
			TestApi operator = TestUsers.create(port, "OPERATOR").login(port);
			assertThat(operator.post(target.base(), "{}").status()).isEqualTo(403);
			assertThat(operator.upload(target.base() + "/uploads", HttpRequest.BodyPublishers.ofString("a\n1\n"))
				.status()).isEqualTo(403);

			// the owner's own mistakes are 400, and another user's upload does not exist for them
			assertThat(admin.post(target.base(), "{\"kind\":\"CSV\"}").status()).isEqualTo(400);
			TestApi otherAdmin = TestUsers.create(port, "ADMIN").login(port);
			assertThat(otherAdmin.post(target.base() + "/uploads/" + upload + "/preview", "{}").status()).isEqualTo(404);
		}
	}

	@Test
	void anUploadOverTheLimitIsRefusedWith413AndNothingStays() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ImportTargets.create(admin, Kind.SQLITE, dataDir)) {
			byte[] big = new byte[1024 * 1024 + 1];
			java.util.Arrays.fill(big, (byte) 'a');
			TestApi.Response declared = admin.upload(target.base() + "/uploads?name=big.csv",
					HttpRequest.BodyPublishers.ofByteArray(big));
			assertThat(declared.status()).isEqualTo(413);
			assertThat(declared.json().get("type").asString()).endsWith("/upload-too-large");
			// without a declared length the server counts while it streams
			TestApi.Response streamed = admin.upload(target.base() + "/uploads?name=big.csv",
					HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
			assertThat(streamed.status()).isEqualTo(413);
			assertThat(streamed.json().get("status").asInt()).isEqualTo(413);
			try (var files = Files.list(uploads.paths().get(0))) {
				assertThat(files.filter(p -> p.getFileName().toString().endsWith(".part")).toList()).isEmpty();
			}
			// at the limit is fine
			TestApi.Response fits = admin.upload(target.base() + "/uploads?name=fits.csv",
					HttpRequest.BodyPublishers.ofByteArray(java.util.Arrays.copyOf(big, big.length - 1)));
			assertThat(fits.status()).as(fits.body()).isEqualTo(201);
			assertThat(fits.json().get("size").asLong()).isEqualTo(1024 * 1024);
		}
	}

	@Test
	void aCancelledImportLeavesTheTableUnchanged() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Target target = ImportTargets.create(admin, Kind.POSTGRESQL, dataDir)) {
			target.createPeople();
			// every row waits 20 ms in a trigger: long enough to cancel in the middle
			target.exec("CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS "
					+ "$$ BEGIN PERFORM pg_sleep(0.02); RETURN NEW; END $$",
					"CREATE TRIGGER slow BEFORE INSERT ON people FOR EACH ROW EXECUTE FUNCTION slow()");
			StringBuilder csv = new StringBuilder("id,name,note,score\n");
			for (int n = 1; n <= 3000; n++) {
				csv.append(n).append(",name ").append(n).append(",,1\n");
			}
			String upload = ImportTargets.upload(admin, target, "slow.csv", csv.toString());
			JsonNode preview = ImportTargets.preview(admin, target, upload, "people");
			String job = ImportTargets.startCsv(admin, target, upload, "people", preview).get("id").asString();
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
				String activity = target.rows("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
						+ "AND query LIKE 'INSERT INTO%' AND state = 'active'").get(0).get(0);
				return !"0".equals(activity);
			});
			assertThat(admin.post("/api/jobs/" + job + "/cancel", null).status()).isEqualTo(200);
			JsonNode finished = JobsTesting.awaitJob(admin, job);
			assertThat(finished.get("status").asString()).isEqualTo("CANCELLED");
			assertThat(target.count("people")).isZero();
			// the statement is gone from the server, not left running
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "0".equals(target.rows(
					"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'INSERT INTO%' "
							+ "AND state = 'active'").get(0).get(0)));
		}
	}
}
