package dev.steward.job.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.steward.StewardApplication;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import dev.steward.test.TestStore;
import tools.jackson.databind.JsonNode;

/**
 * Jobs across instances and restarts, with whole Steward instances started here: two on one PostgreSQL store
 * (the second sees the first's job and progress, and fails it once the first stops renewing its lease), and one
 * restarted on its own data directory (what it left running is failed as INTERRUPTED and cleaned up).
 */
class JobLeaseIntegrationTests {

	@Test
	void aSecondInstanceSeesTheJobAndFailsItAfterTheLeaseExpiresWhenTheFirstStops() throws Exception {
		try (ScratchDatabases.Scratch store = ScratchDatabases.postgres("steward_lease");
				ScratchDatabases.Scratch source = ScratchDatabases.postgres("lease_src");
				Connection locker = source.connect()) {
			List<String> storeArgs = List.of("--spring.datasource.url=" + store.jdbcUrl(),
					"--spring.datasource.username=" + store.user(), "--spring.datasource.password=" + store.password());
			try (ConfigurableApplicationContext first = start(Files.createTempDirectory("steward-a-"), storeArgs);
					ConfigurableApplicationContext second = start(Files.createTempDirectory("steward-b-"), storeArgs)) {
				TestApi a = TestApi.admin(port(first));
				TestApi b = TestApi.admin(port(second));
				source.exec("CREATE TABLE busy (id int)", "INSERT INTO busy VALUES (1)");
				locker.setAutoCommit(false);
				try (Statement s = locker.createStatement()) {
					s.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
				}
				String connection = a.post("/api/connections", TestApi.JSON.createObjectNode().put("name", "lease")
					.put("url", "postgresql://postgres@127.0.0.1:5432/" + source.name()).toString()).json().get("id").asString();
				JsonNode started = a.post("/api/backups", "{\"connectionId\":\"" + connection + "\"}").json();
				String job = started.get("jobId").asString();
				String backup = started.get("id").asString();

				// the other instance shows the job as the first one runs it: its phase and progress come from the store
				await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
					.until(() -> b.get("/api/jobs/" + job).json().get("phase").asString().equals("DUMPING"));
				JsonNode seen = b.get("/api/jobs/" + job).json();
				assertThat(seen.get("status").asString()).isEqualTo("RUNNING");
				assertThat(seen.get("instanceId").asString()).isEqualTo(first.getBean(InstanceIdentity.class).id())
					.isNotEqualTo(second.getBean(InstanceIdentity.class).id());
				assertThat(seen.get("progress").get("unit").asString()).isEqualTo("BYTES");
				String heartbeat = seen.get("heartbeatAt").asString();
				await().atMost(Duration.ofSeconds(5))
					.until(() -> !b.get("/api/jobs/" + job).json().get("heartbeatAt").asString().equals(heartbeat));
				assertThat(b.get("/api/jobs?status=RUNNING").json().get("items").toString()).contains(job);

				// a second backup of that connection waits behind the first (one per connection) and is cancelled
				// from the other instance: the first one's heartbeat picks the request up
				JsonNode queued = a.post("/api/backups", "{\"connectionId\":\"" + connection + "\"}").json();
				String queuedJob = queued.get("jobId").asString();
				assertThat(b.get("/api/jobs/" + queuedJob).json().get("status").asString()).isEqualTo("QUEUED");
				assertThat(b.post("/api/jobs/" + queuedJob + "/cancel", null).status()).isEqualTo(200);
				await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
					.until(() -> a.get("/api/jobs/" + queuedJob).json().get("status").asString().equals("CANCELLED"));
				assertThat(b.get("/api/backups/" + queued.get("id").asString()).json().get("reason").asString())
					.isEqualTo("CANCELLED_BY_USER");

				// the first instance stops renewing its leases, as a dead or frozen one would
				first.getBean(JobLeases.class).destroy();
				JsonNode[] failed = new JsonNode[1];
				await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
					failed[0] = b.get("/api/jobs/" + job).json();
					return failed[0].get("status").asString().equals("FAILED");
				});
				assertThat(failed[0].get("failure").get("reason").asString()).isEqualTo("INTERRUPTED");
				assertThat(failed[0].get("failure").get("message").asString()).contains("lease");
				JsonNode failedBackup = b.get("/api/backups/" + backup).json();
				assertThat(failedBackup.get("status").asString()).isEqualTo("FAILED");
				assertThat(failedBackup.get("reason").asString()).isEqualTo("INTERRUPTED");
				assertThat(a.get("/api/jobs/" + job).json().get("status").asString()).isEqualTo("FAILED");
			}
			finally {
				locker.rollback();
			}
		}
	}

	@Test
	void aRestartFailsTheJobsThisInstanceLeftOpenAndCleansUpAfterThem() throws Exception {
		Path dataDir = Files.createTempDirectory("steward-restart-");
		String halfRestored = ScratchDatabases.uniqueName("restart_half");
		try (ScratchDatabases.Scratch source = ScratchDatabases.postgres("restart_src");
				Connection locker = source.connect()) {
			String connection;
			String job;
			String backup;
			source.exec("CREATE TABLE busy (id int)", "INSERT INTO busy VALUES (1)");
			locker.setAutoCommit(false);
			try (Statement s = locker.createStatement()) {
				s.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
			}
			try (ConfigurableApplicationContext before = start(dataDir, List.of())) {
				TestApi api = TestApi.admin(port(before));
				connection = api.post("/api/connections", TestApi.JSON.createObjectNode().put("name", "restart")
					.put("url", "postgresql://postgres@127.0.0.1:5432/" + source.name()).toString()).json().get("id").asString();
				JsonNode started = api.post("/api/backups", "{\"connectionId\":\"" + connection + "\"}").json();
				job = started.get("jobId").asString();
				backup = started.get("id").asString();
				await().atMost(Duration.ofSeconds(30))
					.until(() -> api.get("/api/jobs/" + job).json().get("phase").asString().equals("DUMPING"));
			} // stopping mid-job: the running dump is stopped and failed as INTERRUPTED, its partial file removed
			locker.rollback();
			assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("pg_dump")))
				.isEmpty();

			// and what a crash would leave: a restore this instance was running, half-way into a new database
			ScratchDatabases.exec(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD,
					"CREATE DATABASE " + halfRestored);
			String instance = Files.readString(dataDir.resolve("instance-id")).strip();
			UUID crashed = UUID.randomUUID();
			try (Connection h2 = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("steward"), "sa", "");
					var ps = h2.prepareStatement("""
							INSERT INTO jobs (id, kind, status, phase, connection_id, subject_id, started_by_name, created_at,
							  started_at, instance_id, heartbeat_at, progress_done, remembered)
							VALUES (?, 'RESTORE', 'RUNNING', 'RESTORING', ?, ?, 'admin', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, ?,
							  CURRENT_TIMESTAMP, 1000, ?)""")) {
				ps.setObject(1, crashed);
				ps.setObject(2, UUID.fromString(connection));
				ps.setObject(3, UUID.fromString(backup));
				ps.setString(4, instance);
				ps.setString(5, "{\"targetConnectionId\":\"" + connection + "\",\"createdDatabase\":\"" + halfRestored + "\"}");
				ps.executeUpdate();
			}

			try (ConfigurableApplicationContext after = start(dataDir, List.of())) {
				TestApi api = TestApi.admin(port(after));
				JsonNode interrupted = api.get("/api/jobs/" + job).json();
				assertThat(interrupted.get("status").asString()).isEqualTo("FAILED");
				assertThat(interrupted.get("failure").get("reason").asString()).isEqualTo("INTERRUPTED");
				JsonNode failedBackup = api.get("/api/backups/" + backup).json();
				assertThat(failedBackup.get("status").asString()).isEqualTo("FAILED");
				assertThat(failedBackup.get("reason").asString()).isEqualTo("INTERRUPTED");
				try (var files = Files.walk(dataDir.resolve("backups"))) {
					assertThat(files.filter(Files::isRegularFile).toList()).as("no partial artefact").isEmpty();
				}

				JsonNode recovered = api.get("/api/jobs/" + crashed).json();
				assertThat(recovered.get("status").asString()).isEqualTo("FAILED");
				assertThat(recovered.get("failure").get("reason").asString()).isEqualTo("INTERRUPTED");
				assertThat(recovered.get("failure").get("message").asString()).contains("Steward stopped");
				assertThat(databaseExists(halfRestored)).as("the half-restored new database was dropped").isFalse();
			}
		}
		finally {
			ScratchDatabases.exec(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD,
					"DROP DATABASE IF EXISTS " + halfRestored + " WITH (FORCE)");
		}
	}

	private static ConfigurableApplicationContext start(Path dataDir, List<String> extra) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--steward.data-dir=" + dataDir,
				"--steward.admin.password=" + TestStore.ADMIN_PASSWORD, "--steward.jobs.heartbeat=200ms",
				"--steward.jobs.lease-expiry=3s", "--steward.backup.stall-timeout=10m"));
		args.addAll(extra);
		return new SpringApplicationBuilder(StewardApplication.class).run(args.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static boolean databaseExists(String name) throws Exception {
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
}
