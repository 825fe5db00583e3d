package dev.steward.backup;

import static dev.steward.backup.BackupsIntegrationTests.awaitFinished;
import static dev.steward.backup.BackupsIntegrationTests.createConnection;
import static dev.steward.backup.BackupsIntegrationTests.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.job.JobPhase;
import dev.steward.test.IntegrationTest;
import dev.steward.test.JobsTesting;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * Every backup-module job kind through {@code /api/jobs}: its progress stream in order, and cancelled mid-way
 * (process gone, nothing partial left, a new target database dropped).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupJobsIntegrationTests {

	@LocalServerPort
	int port;

	ScratchDatabases.Scratch source;

	String connection;

	String backup;

	TestApi api;

	@BeforeAll
	void aBigEnoughBackup() {
		api = TestApi.admin(port);
		source = ScratchDatabases.postgres("jobs_src");
		source.exec("CREATE TABLE big AS SELECT g AS id, md5(g::text) AS a, md5((g * 7)::text) AS b "
				+ "FROM generate_series(1, 600000) g", "ALTER TABLE big ADD PRIMARY KEY (id)",
				"CREATE TABLE small (id int primary key)", "INSERT INTO small VALUES (1), (2)");
		connection = createConnection(api, "jobs " + source.name(), "postgresql://postgres@127.0.0.1:5432/" + source.name());
		JsonNode done = awaitFinished(api, start(api, connection, "FULL").get("id").asString());
		assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
		backup = done.get("id").asString();
	}

	@AfterAll
	void dropSource() {
		source.close();
	}

	@Test
	void everyKindStreamsItsProgressInOrderAndEndsWithOneFinishedEvent() throws Exception {
		JsonNode run = start(api, connection, "FULL");
		List<JsonNode> dump = events(run.get("jobId").asString());
		assertPhasesInOrder(dump, JobPhase.DONE);
		assertThat(dump.stream().map(e -> e.get("job").get("phase").asString())).contains("DUMPING");
		assertThat(dump.size()).as("progress events before the end").isGreaterThan(1);

		JsonNode verify = started(api.post("/api/backups/" + backup + "/verify", "{}"));
		assertPhasesInOrder(events(verify.get("id").asString()), JobPhase.DONE);

		JsonNode test = started(api.post("/api/backups/" + backup + "/verify", "{\"testRestore\":true}"));
		assertPhasesInOrder(events(test.get("id").asString()), JobPhase.DONE);

		String target = ScratchDatabases.uniqueName("jobs_dst");
		try {
			JsonNode restore = started(api.post("/api/backups/" + backup + "/restore", restoreBody(target)));
			List<JsonNode> events = events(restore.get("id").asString());
			assertPhasesInOrder(events, JobPhase.DONE);
			assertThat(events.stream().map(e -> e.get("job").get("phase").asString()))
				.contains("RESTORING");
			assertThat(databaseExists(target)).isTrue();
		}
		finally {
			drop(target);
		}
	}

	@Test
	void aRestoreCancelledWhileCheckingOrRestoringLeavesNoDatabaseAndNoProcess() throws Exception {
		for (String phase : List.of("CHECKING", "RESTORING")) {
			String target = ScratchDatabases.uniqueName("jobs_cancel");
			try {
				String job = started(api.post("/api/backups/" + backup + "/restore", restoreBody(target))).get("id").asString();
				await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
					.until(() -> api.get("/api/jobs/" + job).json().get("phase").asString().equals(phase));
				TestApi.Response cancel = api.post("/api/jobs/" + job + "/cancel", null);
				assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
				JsonNode ended = JobsTesting.awaitJob(api, job);
				assertThat(ended.get("status").asString()).as(phase + ": " + ended).isEqualTo("CANCELLED");
				assertThat(JobsTesting.reason(ended)).isEqualTo("CANCELLED_BY_USER");
				assertThat(JobsTesting.message(ended)).contains("Cancelled by admin");
				assertThat(databaseExists(target)).as(phase + ": the new database was dropped").isFalse();
				assertNoTool("pg_restore");
				assertThat(api.get("/api/audit?action=job.cancel&targetId=" + job).json().get("items").size())
					.as("the cancel is audited").isEqualTo(1);
			}
			finally {
				drop(target);
			}
		}
	}

	@Test
	void aTestRestoreCancelledWhileRestoringDropsItsScratchDatabase() throws Exception {
		String job = started(api.post("/api/backups/" + backup + "/verify", "{\"testRestore\":true}")).get("id").asString();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
			.until(() -> api.get("/api/jobs/" + job).json().get("phase").asString().equals("RESTORING"));
		assertThat(api.post("/api/jobs/" + job + "/cancel", null).status()).isEqualTo(200);
		JsonNode ended = JobsTesting.awaitJob(api, job);
		assertThat(ended.get("status").asString()).isEqualTo("CANCELLED");
		assertThat(JobsTesting.reason(ended)).isEqualTo("CANCELLED_BY_USER");
		assertNoTool("pg_restore");
		assertThat(scratchDatabases()).as("no steward_verify_ database is left").isZero();
	}

	@Test
	void aVerificationCanBeCancelledAndAFinishedJobCannot() {
		String job = started(api.post("/api/backups/" + backup + "/verify", "{}")).get("id").asString();
		TestApi.Response cancel = api.post("/api/jobs/" + job + "/cancel", null);
		JsonNode ended = JobsTesting.awaitJob(api, job);
		if (cancel.status() == 200) {
			assertThat(ended.get("status").asString()).isIn("CANCELLED", "COMPLETED");
		}
		assertThat(api.post("/api/jobs/" + job + "/cancel", null).status()).isEqualTo(409);
		assertThat(api.get("/api/jobs?kind=VERIFY&connectionId=" + connection).json().get("items").toString()).contains(job);
		assertThat(api.get("/api/jobs?status=BOGUS").status()).isEqualTo(400);
	}

	// ---- helpers -----------------------------------------------------------------------------------------

	private String restoreBody(String target) {
		return TestApi.JSON.createObjectNode().put("targetConnectionId", connection).put("database", target)
			.put("newDatabase", true).put("confirm", target).toString();
	}

	private static JsonNode started(TestApi.Response r) {
		assertThat(r.status()).as(r.body()).isEqualTo(202);
		return r.json();
	}

	/** Every event of the job's stream until it ends: each a JobStreamEvent. */
	private List<JsonNode> events(String job) throws Exception {
		String token = api.post("/api/tokens", "{\"name\":\"sse-" + job.substring(0, 8) + "\"}").json().get("token")
			.asString();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/jobs/" + job + "/events"))
			.header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).build();
		CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> sent = HttpClient.newHttpClient()
			.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
		HttpResponse<java.util.stream.Stream<String>> response = sent.get(30, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(response.statusCode()).isEqualTo(200);
		List<JsonNode> events = new ArrayList<>();
		List<String> names = new ArrayList<>();
		response.body().forEach(line -> {
			if (line.startsWith("event:")) {
				names.add(line.substring(6).strip());
			}
			else if (line.startsWith("data:")) {
				events.add(TestApi.JSON.readTree(line.substring(5)));
			}
		});
		assertThat(names).isNotEmpty().last().isEqualTo("finished");
		assertThat(names.subList(0, names.size() - 1)).containsOnly("progress");
		for (int i = 0; i < events.size(); i++) {
			assertThat(events.get(i).get("type").asString()).isEqualTo(names.get(i).toUpperCase(java.util.Locale.ROOT));
		}
		return events;
	}

	/** Phases never go back, progress never shrinks within a phase, and the stream ends COMPLETED in {@code last}. */
	private static void assertPhasesInOrder(List<JsonNode> events, JobPhase last) {
		int previous = -1;
		long done = -1;
		List<String> phases = new ArrayList<>();
		for (JsonNode e : events) {
			JsonNode job = e.get("job");
			JobPhase phase = JobPhase.valueOf(job.get("phase").asString());
			phases.add(phase.name());
			if (phase.ordinal() != previous) {
				done = -1;
			}
			assertThat(phase.ordinal()).as("phases in order: " + phases).isGreaterThanOrEqualTo(previous);
			long now = job.get("progress").get("done").asLong();
			assertThat(now).as("progress in " + phase).isGreaterThanOrEqualTo(done);
			previous = phase.ordinal();
			done = now;
		}
		JsonNode finished = events.getLast().get("job");
		assertThat(finished.get("status").asString()).as(finished.toString()).isEqualTo("COMPLETED");
		assertThat(finished.get("phase").asString()).isEqualTo(last.name());
		assertThat(phases).contains(last.name());
		assertThat(events.getFirst().get("job").get("status").asString()).isIn("QUEUED", "RUNNING", "COMPLETED");
	}

	private static void assertNoTool(String tool) {
		await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.current().descendants()
			.noneMatch(p -> p.info().command().orElse("").endsWith(tool)));
	}

	static boolean databaseExists(String name) throws Exception {
		try (Connection c = DriverManager.getConnection(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER,
				ScratchDatabases.PG_PASSWORD);
				var ps = c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
			ps.setString(1, name);
			try (var rs = ps.executeQuery()) {
				rs.next();
				return rs.getInt(1) > 0;
			}
		}
	}

	private static int scratchDatabases() throws Exception {
		try (Connection c = DriverManager.getConnection(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER,
				ScratchDatabases.PG_PASSWORD);
				var rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE 'steward_verify_%'")) {
			rs.next();
			return rs.getInt(1);
		}
	}

	static void drop(String database) {
		ScratchDatabases.exec(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD,
				"DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
	}
}
