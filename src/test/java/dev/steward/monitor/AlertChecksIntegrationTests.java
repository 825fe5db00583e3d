package dev.steward.monitor;

import static dev.steward.monitor.AlertsIntegrationTests.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.steward.monitor.internal.AlertChecks;
import dev.steward.monitor.internal.CheckReadings;
import dev.steward.monitor.internal.CheckRunClaims;
import dev.steward.test.IntegrationTest;
import dev.steward.test.OwnMariaDbServer;
import dev.steward.test.OwnPostgresServer;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The check rules, each firing and resolving on crafted state through the same lifecycle as the sampled rules: a
 * real PostgreSQL backup made 30 hours old in the store and then a fresh one; failed jobs of the connection inside
 * and then outside the window; a local storage target's file store losing and regaining 768 MB; and a PostgreSQL
 * server of the test's own with ssl=on presenting a 2-day self-signed certificate, then (reloaded) a 1-year one.
 * Checks are run by calling the checker at once rather than waiting for its interval.
 */
@IntegrationTest
class AlertChecksIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@Autowired
	AlertChecks checks;

	@Autowired
	CheckReadings readings;

	@Autowired
	CheckRunClaims claims;

	@Autowired
	JdbcClient jdbc;

	static ObjectNode rule(String metric, String comparison, double threshold, double hysteresis, String scope,
			String scopeValue) {
		ObjectNode n = TestApi.JSON.createObjectNode().put("name", metric + " " + UUID.randomUUID())
			.put("metric", metric).put("comparison", comparison).put("threshold", threshold)
			.put("hysteresis", hysteresis).put("forSeconds", 0).put("level", "ERROR").put("scope", scope)
			.put("scopeValue", scopeValue).put("renotifyMinutes", 0).put("enabled", true);
		n.putArray("channelIds");
		return n;
	}

	static String create(TestApi admin, ObjectNode rule) {
		TestApi.Response r = admin.post("/api/alert-rules", rule.toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		assertThat(r.json().get("kind").asString()).isEqualTo("CHECK");
		return r.json().get("id").asString();
	}

	/** The rule's newest alert, if any. */
	static Optional<JsonNode> alertOf(TestApi admin, String ruleId) {
		TestApi.Response r = admin.get("/api/alerts?size=200");
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return StreamSupport.stream(r.json().get("items").spliterator(), false)
			.filter(a -> a.get("ruleId").asString().equals(ruleId)).findFirst();
	}

	static String state(TestApi admin, String ruleId) {
		return alertOf(admin, ruleId).map(a -> a.get("state").asString()).orElse("NONE");
	}

	static String pgConnection(TestApi admin, int port, String database, String sslMode) {
		TestApi.Response r = admin.post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", "checks " + UUID.randomUUID()).put("engine", "POSTGRESQL").put("host", "127.0.0.1")
			.put("port", port).put("database", database).put("username", ScratchDatabases.PG_USER)
			.put("sslMode", sslMode).toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}

	static JsonNode awaitBackup(TestApi admin, String connection) {
		TestApi.Response started = admin.post("/api/backups", TestApi.JSON.createObjectNode()
			.put("connectionId", connection).put("encrypted", false).toString());
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		String id = started.json().get("id").asString();
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
			last[0] = admin.get("/api/backups/" + id).json();
			return !"IN_PROGRESS".equals(last[0].get("status").asString());
		});
		assertThat(last[0].get("status").asString()).as(last[0].toString()).isEqualTo("COMPLETED");
		return last[0];
	}

	@Test
	void noSuccessfulBackupForNHoursFiresNotifiesAndResolvesOnTheNextBackup() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Scratch db = ScratchDatabases.postgres("chk_backup"); AlertsIntegrationTests.Hook hook = new AlertsIntegrationTests.Hook()) {
			db.exec("CREATE TABLE t (id int)", "INSERT INTO t VALUES (1)");
			String conn = pgConnection(admin, 5432, db.name(), "DISABLE");
			String ch = channel(admin, hook);
			ObjectNode body = rule("hours_since_backup", "ABOVE", 26, 0, "CONNECTION", conn);
			body.putArray("channelIds").add(ch);
			String ruleId = create(admin, body);

			checks.runOnce(Instant.now());
			assertThat(state(admin, ruleId)).as("registered just now, never backed up: 0 h").isEqualTo("NONE");
			JsonNode backup = awaitBackup(admin, conn);
			checks.runOnce(Instant.now());
			assertThat(state(admin, ruleId)).as("a fresh backup").isEqualTo("NONE");

			// the backup made 30 hours ago, in the store
			OffsetDateTime old = OffsetDateTime.now(ZoneOffset.UTC).minusHours(30);
			jdbc.sql("UPDATE backups SET created_at = :t, started_at = :t, finished_at = :t WHERE id = :id")
				.param("t", old).param("id", UUID.fromString(backup.get("id").asString())).update();
			checks.runOnce(Instant.now());
			JsonNode fired = alertOf(admin, ruleId).orElseThrow();
			assertThat(fired.get("state").asString()).isEqualTo("FIRING");
			assertThat(fired.get("connectionId").asString()).isEqualTo(conn);
			assertThat(fired.get("message").asString()).contains("no successful backup for 30");
			assertThat(hook.next().get("summary").asString()).startsWith("Firing").contains("no successful backup for 30");
			checks.runOnce(Instant.now());
			assertThat(admin.get("/api/alerts?size=200").json().get("items").toString().split(ruleId, -1).length - 1)
				.as("fires once").isEqualTo(1);

			awaitBackup(admin, conn);
			checks.runOnce(Instant.now());
			assertThat(state(admin, ruleId)).isEqualTo("RESOLVED");
			assertThat(hook.next().get("summary").asString()).startsWith("Resolved");
			String alertId = alertOf(admin, ruleId).orElseThrow().get("id").asString();
			assertThat(AlertsIntegrationTests.auditActions(admin, alertId)).contains("alert.fire", "alert.resolve");
			admin.delete("/api/alert-rules/" + ruleId);
			admin.delete("/api/connections/" + conn);
		}
	}

	@Test
	void oneInstancePerIntervalRunsTheChecks() {
		Instant now = Instant.now().plusSeconds(3600); // past whatever this context's own timer claimed
		Duration interval = Duration.ofSeconds(60);
		assertThat(claims.claim("instance-a", now, interval)).isTrue();
		assertThat(claims.claim("instance-b", now, interval)).as("the same round, another instance").isFalse();
		assertThat(claims.claim("instance-a", now.plusSeconds(30), interval)).as("not due yet").isFalse();
		assertThat(claims.claim("instance-b", now.plusSeconds(55), interval)).as("the next round, anyone").isTrue();
		assertThat(claims.claim("instance-a", now.plusSeconds(56), interval)).isFalse();
		// give the round back to this context's own timer
		jdbc.sql("UPDATE alert_check_runs SET next_due = :t WHERE id = 1")
			.param("t", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1)).update();
	}

	@Test
	void aConnectionNeverBackedUpCountsFromItsRegistration() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Scratch db = ScratchDatabases.postgres("chk_never")) {
			db.exec("CREATE TABLE t (id int)");
			String conn = pgConnection(admin, 5432, db.name(), "DISABLE");
			String ruleId = create(admin, rule("hours_since_backup", "ABOVE", 26, 0, "CONNECTION", conn));
			checks.runOnce(Instant.now());
			assertThat(state(admin, ruleId)).isEqualTo("NONE");

			// registered 40 hours ago and never backed up since
			jdbc.sql("UPDATE connections SET created_at = :t WHERE id = :id")
				.param("t", OffsetDateTime.now(ZoneOffset.UTC).minusHours(40)).param("id", UUID.fromString(conn)).update();
			checks.runOnce(Instant.now());
			JsonNode fired = alertOf(admin, ruleId).orElseThrow();
			assertThat(fired.get("state").asString()).isEqualTo("FIRING");
			assertThat(fired.get("message").asString()).contains("no successful backup for 40");

			awaitBackup(admin, conn);
			checks.runOnce(Instant.now());
			assertThat(state(admin, ruleId)).isEqualTo("RESOLVED");
			admin.delete("/api/alert-rules/" + ruleId);
			admin.delete("/api/connections/" + conn);
		}
	}

	@Test
	void failedJobsInTheWindowFireAndResolveOnceTheyAgeOut() throws Exception {
		TestApi admin = TestApi.admin(port);
		try (Scratch db = ScratchDatabases.postgres("chk_jobs")) {
			db.exec("CREATE TABLE t (id int)");
			String conn = pgConnection(admin, 5432, db.name(), "DISABLE");
			ObjectNode body = rule("job_failures", "ABOVE", 1, 0, "CONNECTION", conn).put("windowMinutes", 30);
			String ruleId = create(admin, body);
			assertThat(admin.get("/api/alert-rules/" + ruleId).json().get("windowMinutes").asInt()).isEqualTo(30);
			ObjectNode noWindow = rule("latency", "ABOVE", 1, 0, "CONNECTION", conn).put("windowMinutes", 30);
			assertThat(admin.post("/api/alert-rules", noWindow.toString()).status()).as("a window only for job failures")
				.isEqualTo(400);

			// two real backup jobs of the connection, recorded as failed in the store just now
			List<String> jobIds = List.of(awaitBackup(admin, conn).get("jobId").asString(),
					awaitBackup(admin, conn).get("jobId").asString());
			checks.runOnce(Instant.now());
			assertThat(state(admin, ruleId)).as("no failed job").isEqualTo("NONE");
			OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
			for (String job : jobIds) {
				jdbc.sql("UPDATE jobs SET status = 'FAILED', finished_at = :t WHERE id = :id").param("t", now)
					.param("id", UUID.fromString(job)).update();
			}
			checks.runOnce(Instant.now());
			JsonNode fired = alertOf(admin, ruleId).orElseThrow();
			assertThat(fired.get("state").asString()).isEqualTo("FIRING");
			assertThat(fired.get("message").asString()).contains("2 failed jobs in the last 30 min");

			// one of them ages out of the window: 1 is not above 1
			jdbc.sql("UPDATE jobs SET finished_at = :t WHERE id = :id").param("t", now.minusMinutes(45))
				.param("id", UUID.fromString(jobIds.getFirst())).update();
			checks.runOnce(Instant.now());
			assertThat(state(admin, ruleId)).isEqualTo("RESOLVED");
			admin.delete("/api/alert-rules/" + ruleId);
			admin.delete("/api/connections/" + conn);
		}
	}

	@Test
	void aLocalTargetsFreeSpaceBelowTheThresholdFiresAndResolvesWhenSpaceReturns() throws Exception {
		TestApi admin = TestApi.admin(port);
		Path dir = dataDir.resolve("targets").resolve("space-" + UUID.randomUUID());
		TestApi.Response target = admin.post("/api/storage-targets", TestApi.JSON.createObjectNode()
			.put("name", "space " + UUID.randomUUID()).put("kind", "LOCAL").put("path", dir.toString()).toString());
		assertThat(target.status()).as(target.body()).isEqualTo(201);
		String key = target.json().get("id").asString();
		Files.createDirectories(dir);
		assertThat(admin.post("/api/alert-rules", rule("target_free_bytes", "BELOW", 1, 0, "CONNECTION",
				UUID.randomUUID().toString()).toString()).status()).as("a target check takes no connection").isEqualTo(400);
		assertThat(admin.post("/api/alert-rules", rule("target_free_bytes", "BELOW", 1, 0, "TARGET", "no-such-target")
			.toString()).status()).isEqualTo(400);

		long mb = 1024L * 1024;
		long free = Files.getFileStore(dir).getUsableSpace();
		// between "now" and "with 768 MB written", with room for what other processes write meanwhile
		String ruleId = create(admin, rule("target_free_bytes", "BELOW", free - 256 * mb, 32 * mb, "TARGET", key));
		Path filler = dir.resolve("filler.bin");
		try {
			checks.runOnce(Instant.now());
			assertThat(state(admin, ruleId)).isEqualTo("NONE");
			fill(filler, 768 * mb);
			checks.runOnce(Instant.now());
			JsonNode fired = alertOf(admin, ruleId).orElseThrow();
			assertThat(fired.get("state").asString()).isEqualTo("FIRING");
			assertThat(fired.get("connectionId").isNull()).as("a target's alert has no connection").isTrue();
			assertThat(fired.get("connectionName").asString()).startsWith("storage target 'space ");
			assertThat(fired.get("message").asString()).contains("bytes free");
			// everyone signed in sees it (free space is no connection's secret)
			TestApi viewer = dev.steward.test.TestUsers.create(port, "VIEWER").login(port);
			assertThat(viewer.get("/api/alerts/" + fired.get("id").asString()).status()).isEqualTo(200);
		}
		finally {
			Files.deleteIfExists(filler);
		}
		checks.runOnce(Instant.now());
		assertThat(state(admin, ruleId)).isEqualTo("RESOLVED");

		// the preview shows the target's value now, and that it is not past the threshold
		JsonNode preview = admin.post("/api/alert-rules/preview", TestApi.JSON.createObjectNode()
			.set("rule", rule("target_free_percent", "BELOW", 0.001, 0, "TARGET", key)).toString()).json();
		assertThat(preview.get("supported").asBoolean()).isTrue();
		assertThat(preview.get("fires").asInt()).isZero();
		assertThat(preview.get("connections").get(0).get("value").asDouble()).isBetween(0.001, 100.0);

		// firing again, then the target is deleted: its alert is resolved, not left open for ever
		try {
			fill(filler, 768 * mb);
			checks.runOnce(Instant.now());
			assertThat(state(admin, ruleId)).isEqualTo("FIRING");
		}
		finally {
			Files.deleteIfExists(filler);
		}
		assertThat(admin.delete("/api/storage-targets/" + key).status()).isEqualTo(204);
		checks.runOnce(Instant.now());
		JsonNode gone = alertOf(admin, ruleId).orElseThrow();
		assertThat(gone.get("state").asString()).isEqualTo("RESOLVED");
		assertThat(AlertsIntegrationTests.auditActions(admin, gone.get("id").asString())).contains("alert.resolve");
		admin.delete("/api/alert-rules/" + ruleId);
	}

	/** Writes {@code bytes} for real (a sparse file would take no space) and forces them to disk. */
	private static void fill(Path file, long bytes) throws IOException {
		ByteBuffer chunk = ByteBuffer.allocate(1024 * 1024);
		try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			for (long done = 0; done < bytes; done += chunk.capacity()) {
				chunk.clear();
				while (chunk.hasRemaining()) {
					out.write(chunk);
				}
			}
			out.force(true);
		}
	}

	@Test
	void aServerCertificateExpiringWithinNDaysFiresAndAReplacedOneResolves() throws Exception {
		TestApi admin = TestApi.admin(port);
		Path certs = Files.createTempDirectory("steward-tls-");
		try {
			Files.setPosixFilePermissions(certs, PosixFilePermissions.fromString("rwxr-xr-x"));
			selfSigned(certs, 2);
			try (OwnPostgresServer server = OwnPostgresServer.start("ssl=on",
					"ssl_cert_file=" + certs.resolve("server.crt"), "ssl_key_file=" + certs.resolve("server.key"))) {
				String conn = pgConnection(admin, server.port(), "postgres", "REQUIRE");
				String plain = pgConnection(admin, server.port(), "postgres", "DISABLE");
				String ruleId = create(admin, rule("cert_days_left", "BELOW", 14, 1, "CONNECTION", conn));
				String plainRule = create(admin, rule("cert_days_left", "BELOW", 14, 1, "CONNECTION", plain));
				readings.forgetProbes();
				checks.runOnce(Instant.now());
				JsonNode fired = alertOf(admin, ruleId).orElseThrow();
				assertThat(fired.get("state").asString()).isEqualTo("FIRING");
				assertThat(fired.get("lastValue").asDouble()).isBetween(1.0, 2.01);
				assertThat(fired.get("message").asString()).contains("the server certificate expires in");
				assertThat(state(admin, plainRule)).as("a connection without TLS has no certificate").isEqualTo("NONE");

				// a one-year certificate, reloaded by the server; the next probe reads it
				selfSigned(certs, 365);
				server.exec("postgres", "SELECT pg_reload_conf()");
				Thread.sleep(500); // the postmaster reloads asynchronously
				readings.forgetProbes();
				checks.runOnce(Instant.now());
				assertThat(state(admin, ruleId)).isEqualTo("RESOLVED");
				assertThat(alertOf(admin, ruleId).orElseThrow().get("lastValue").asDouble()).isGreaterThan(360);
				admin.delete("/api/alert-rules/" + ruleId);
				admin.delete("/api/alert-rules/" + plainRule);
				admin.delete("/api/connections/" + conn);
				admin.delete("/api/connections/" + plain);
			}
		}
		finally {
			try (var files = Files.list(certs)) {
				for (Path p : files.toList()) {
					Files.deleteIfExists(p);
				}
			}
			Files.deleteIfExists(certs);
		}
	}

	@Test
	void mariaDbAndMongoDbCertificatesAreReadAndAServerWithoutTlsHasNone() throws Exception {
		TestApi admin = TestApi.admin(port);
		Path certs = Files.createTempDirectory("steward-tls-");
		try {
			Files.setPosixFilePermissions(certs, PosixFilePermissions.fromString("rwxr-xr-x"));
			selfSigned(certs, 3);
			// MariaDB negotiates TLS inside its protocol (greeting, SSL request); a MongoDB server with TLS on speaks
			// TLS from the first byte — mongo-java-server has no TLS, so a TLS listener with the same certificate
			// stands in for mongod's socket (the inspection sends nothing but the handshake)
			try (OwnMariaDbServer mariadb = OwnMariaDbServer.start("--ssl-cert=" + certs.resolve("server.crt"),
					"--ssl-key=" + certs.resolve("server.key"));
					TlsListener mongo = new TlsListener(certs)) {
				String maria = connection(admin, "MYSQL", mariadb.port(), "root", "REQUIRE");
				String plainMaria = connection(admin, "MYSQL", 3306, ScratchDatabases.MARIADB_USER, "REQUIRE");
				String mongod = connection(admin, "MONGODB", mongo.port(), null, "REQUIRE");
				String mariaRule = create(admin, rule("cert_days_left", "BELOW", 14, 1, "CONNECTION", maria));
				String plainRule = create(admin, rule("cert_days_left", "BELOW", 14, 1, "CONNECTION", plainMaria));
				String mongoRule = create(admin, rule("cert_days_left", "BELOW", 14, 1, "CONNECTION", mongod));
				readings.forgetProbes();
				checks.runOnce(Instant.now());
				for (String rule : List.of(mariaRule, mongoRule)) {
					JsonNode fired = alertOf(admin, rule).orElseThrow();
					assertThat(fired.get("state").asString()).isEqualTo("FIRING");
					assertThat(fired.get("lastValue").asDouble()).isBetween(2.0, 3.01);
				}
				assertThat(mongo.handshakes()).isEqualTo(1);
				assertThat(state(admin, plainRule)).as("the shared MariaDB has TLS off: no certificate")
					.isEqualTo("NONE");
				for (String rule : List.of(mariaRule, plainRule, mongoRule)) {
					admin.delete("/api/alert-rules/" + rule);
				}
				for (String c : List.of(maria, plainMaria, mongod)) {
					admin.delete("/api/connections/" + c);
				}
			}
		}
		finally {
			try (var files = Files.list(certs)) {
				for (Path p : files.toList()) {
					Files.deleteIfExists(p);
				}
			}
			Files.deleteIfExists(certs);
		}
	}

	static String connection(TestApi admin, String engine, int port, String username, String sslMode) {
		ObjectNode body = TestApi.JSON.createObjectNode().put("name", "checks " + UUID.randomUUID())
			.put("engine", engine).put("host", "127.0.0.1").put("port", port).put("database", "test")
			.put("sslMode", sslMode);
		if (username != null) {
			body.put("username", username);
		}
		TestApi.Response r = admin.post("/api/connections", body.toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}

	/** A TLS server socket presenting {@code dir}'s server.crt/server.key; counts completed handshakes. */
	static final class TlsListener implements AutoCloseable {

		private final javax.net.ssl.SSLServerSocket socket;

		private final java.util.concurrent.atomic.AtomicInteger handshakes = new java.util.concurrent.atomic.AtomicInteger();

		private final Thread acceptor;

		TlsListener(Path dir) throws Exception {
			Path p12 = dir.resolve("server.p12");
			Process p = new ProcessBuilder("openssl", "pkcs12", "-export", "-in", dir.resolve("server.crt").toString(),
					"-inkey", dir.resolve("server.key").toString(), "-out", p12.toString(), "-passout", "pass:test")
				.redirectErrorStream(true).start();
			String out = new String(p.getInputStream().readAllBytes());
			assertThat(p.waitFor()).as(out).isZero();
			java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
			try (var in = Files.newInputStream(p12)) {
				store.load(in, "test".toCharArray());
			}
			javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory
				.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
			keys.init(store, "test".toCharArray());
			javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), null, null);
			socket = (javax.net.ssl.SSLServerSocket) context.getServerSocketFactory()
				.createServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
			acceptor = Thread.ofVirtual().start(() -> {
				while (!socket.isClosed()) {
					try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) socket.accept()) {
						s.setSoTimeout(5_000);
						s.startHandshake();
						handshakes.incrementAndGet();
					}
					catch (IOException e) {
						// closed, or a client that went away mid-handshake
					}
				}
			});
		}

		int port() {
			return socket.getLocalPort();
		}

		int handshakes() {
			return handshakes.get();
		}

		@Override
		public void close() throws Exception {
			socket.close();
			acceptor.join(5_000);
		}
	}

	/** A self-signed certificate valid for {@code days}, key 0600, both readable by the server's user. */
	private static void selfSigned(Path dir, int days) throws Exception {
		Path crt = dir.resolve("server.crt");
		Path key = dir.resolve("server.key");
		Files.deleteIfExists(crt);
		Files.deleteIfExists(key);
		Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
				String.valueOf(days), "-subj", "/CN=127.0.0.1", "-keyout", key.toString(), "-out", crt.toString())
			.redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes());
		assertThat(p.waitFor()).as(out).isZero();
		Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
		if ("root".equals(System.getProperty("user.name"))) {
			Process chown = new ProcessBuilder("chown", "postgres:postgres", key.toString(), crt.toString()).start();
			assertThat(chown.waitFor()).isZero();
		}
	}
}
