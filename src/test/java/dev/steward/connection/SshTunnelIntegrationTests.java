package dev.steward.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.steward.connection.internal.SshTunnels;
import dev.steward.test.BackupFixtures;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import dev.steward.test.TunnelServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Connections through an SSH tunnel to an in-process MINA SSHD bastion. The database hosts are names only the
 * bastion resolves, and it records every forwarded channel: browsing, a backup (pg_dump / mariadb-dump) and a
 * restore each work, and each goes through the tunnel, or the test fails.
 */
@IntegrationTest
@org.junit.jupiter.api.Tag("target-only") // the tunnel between Steward and a target; the store side runs in the connection tests
class SshTunnelIntegrationTests {

	static TunnelServer bastion;

	@LocalServerPort
	int port;

	@Autowired
	SshTunnels tunnels;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	static void startBastion() throws Exception {
		bastion = new TunnelServer(publicKey("ed25519.pub"));
	}

	@AfterAll
	static void stopBastion() throws IOException {
		bastion.close();
	}

	@Test
	void postgresThroughATunnelBrowsesBacksUpAndRestoresAndRefusesAChangedHostKey() throws Exception {
		TestApi api = TestApi.admin(port);
		String host = TunnelServer.hiddenHost("pg");
		try (ScratchDatabases.Scratch source = ScratchDatabases.postgres("ssh_src")) {
			BackupFixtures.loadChinookPostgres(source.name());
			ObjectNode body = connection("POSTGRESQL", host, 5432, source.name(), ScratchDatabases.PG_USER)
				.set("ssh", passwordTunnel());
			TestApi.Response created = api.post("/api/connections", body.toString());
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			JsonNode ssh = created.json().get("ssh");
			assertThat(ssh.get("host").asString()).isEqualTo("127.0.0.1");
			assertThat(ssh.get("authentication").asString()).isEqualTo("PASSWORD");
			assertThat(ssh.get("hasPassword").asBoolean()).isTrue();
			assertThat(ssh.get("hostKeyFingerprint").isNull()).isTrue();
			assertThat(created.body()).doesNotContain(TunnelServer.PASSWORD);
			String id = created.json().get("id").asString();

			long before = bastion.forwardedTo(host);
			JsonNode tables = api.get("/api/connections/" + id + "/catalog/objects?database=" + source.name()
					+ "&schema=public&kind=table&size=50").json();
			assertThat(tables.get("totalElements").asLong()).as(tables.toString()).isEqualTo(11);
			assertThat(bastion.forwardedTo(host)).isGreaterThan(before);

			// trust on first use: pinned, audited, shown
			String pinned = api.get("/api/connections/" + id).json().get("ssh").get("hostKeyFingerprint").asString();
			assertThat(pinned).startsWith("SHA256:");
			await().atMost(Duration.ofSeconds(10)).until(() -> api
				.get("/api/audit?action=connection.ssh-host-key-pin&targetId=" + id).body().contains(pinned));

			backUpAndRestore(api, id, host, "pg_dump", target -> assertThat(pgFingerprints(target))
				.isEqualTo(pgFingerprints(source.name())).hasSize(11));

			// a dropped tunnel is opened again on the same local port, so the connection's pools keep working
			bastion.dropSessions();
			await().atMost(Duration.ofSeconds(10)).until(() -> !tunnels.isOpen(UUID.fromString(id)));
			Thread.sleep(600); // past the pool's validation bypass window, so it checks the broken connections
			assertThat(api.get("/api/connections/" + id + "/catalog/objects?database=" + source.name()
					+ "&schema=public&kind=table&size=50").json().get("totalElements").asLong()).isEqualTo(11);

			// the server is re-keyed: nothing goes through, and the message says what changed
			bastion.rekey();
			// as above: once Steward has seen the tunnel drop and its pools check their connections again (before
			// that, a pooled connection over the dead tunnel answers 502 and the next call reconnects)
			await().atMost(Duration.ofSeconds(10)).until(() -> !tunnels.isOpen(UUID.fromString(id)));
			Thread.sleep(600);
			TestApi.Response refused = api.get("/api/connections/" + id + "/catalog/databases");
			assertThat(refused.status()).as(refused.body()).isEqualTo(409);
			assertThat(refused.json().get("type").asString()).endsWith("ssh-host-key-changed");
			assertThat(refused.json().get("detail").asString())
				.contains("The SSH server's host key changed: expected " + pinned + ", got SHA256:");
			String actual = refused.json().get("actual").asString();
			assertThat(actual).startsWith("SHA256:").isNotEqualTo(pinned);
			assertThat(api.post("/api/backups", TestApi.JSON.createObjectNode().put("connectionId", id)
				.put("kind", "FULL").toString()).status()).isEqualTo(409);

			// the owner re-pins by clearing the key; secrets not sent are kept
			ObjectNode repin = connection("POSTGRESQL", host, 5432, source.name(), ScratchDatabases.PG_USER);
			repin.set("ssh", TestApi.JSON.createObjectNode().put("host", "127.0.0.1").put("port", bastion.port())
				.put("username", TunnelServer.USER).put("authentication", "PASSWORD").put("clearHostKey", true));
			TestApi.Response updated = api.put("/api/connections/" + id, repin.toString());
			assertThat(updated.status()).as(updated.body()).isEqualTo(200);
			assertThat(updated.json().get("ssh").get("hostKeyFingerprint").isNull()).isTrue();
			assertThat(api.get("/api/connections/" + id + "/catalog/databases").status()).isEqualTo(200);
			assertThat(api.get("/api/connections/" + id).json().get("ssh").get("hostKeyFingerprint").asString())
				.isEqualTo(actual);

			assertThat(api.delete("/api/connections/" + id).status()).isEqualTo(204);
			assertThat(tunnels.isOpen(UUID.fromString(id))).isFalse();
		}
	}

	@Test
	void mariadbThroughATunnelWithAPrivateKeyBrowsesBacksUpAndRestores() throws Exception {
		TestApi api = TestApi.admin(port);
		String host = TunnelServer.hiddenHost("mariadb");
		try (ScratchDatabases.Scratch source = ScratchDatabases.mariadb("ssh_src")) {
			BackupFixtures.loadChinookMariadb(source.name());
			ObjectNode body = connection("MYSQL", host, 3306, source.name(), ScratchDatabases.MARIADB_USER);
			body.set("ssh", TestApi.JSON.createObjectNode().put("host", "127.0.0.1").put("port", bastion.port())
				.put("username", TunnelServer.USER).put("authentication", "PRIVATE_KEY")
				.put("privateKey", resource("ed25519")));
			TestApi.Response created = api.post("/api/connections", body.toString());
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			assertThat(created.json().get("ssh").get("hasPrivateKey").asBoolean()).isTrue();
			assertThat(created.body()).doesNotContain("PRIVATE KEY");
			String id = created.json().get("id").asString();
			// resolving a connection only to check it may be seen contacts nobody
			assertThat(api.get("/api/backups?connectionId=" + id).status()).isEqualTo(200);
			assertThat(api.get("/api/connections/" + id + "/catalog/snapshots").status()).isEqualTo(200);
			assertThat(tunnels.isOpen(UUID.fromString(id))).isFalse();

			TestApi.Response tested = api.post("/api/connections/" + id + "/test", null);
			assertThat(tested.json().get("success").asBoolean()).as(tested.body()).isTrue();
			long before = bastion.forwardedTo(host);
			JsonNode tables = api.get("/api/connections/" + id + "/catalog/objects?database=" + source.name()
					+ "&schema=" + source.name() + "&kind=table&size=50").json();
			assertThat(tables.get("totalElements").asLong()).as(tables.toString()).isEqualTo(11);
			assertThat(bastion.forwardedTo(host)).isGreaterThan(before);

			backUpAndRestore(api, id, host, "mariadb-dump", target -> assertThat(mariadbFingerprints(target))
				.isEqualTo(mariadbFingerprints(source.name())).hasSize(11));
			assertThat(api.delete("/api/connections/" + id).status()).isEqualTo(204);
		}
	}

	@Test
	void aWrongSshPasswordFailsTheTestAsAuthenticationAndABadKeyIsRefusedOnSave() throws Exception {
		TestApi api = TestApi.admin(port);
		ObjectNode body = connection("POSTGRESQL", TunnelServer.hiddenHost("pg"), 5432, "postgres", "postgres");
		body.set("ssh", TestApi.JSON.createObjectNode().put("host", "127.0.0.1").put("port", bastion.port())
			.put("username", TunnelServer.USER).put("password", "wrong"));
		JsonNode tested = api.post("/api/connections/test", body.toString()).json();
		assertThat(tested.get("success").asBoolean()).isFalse();
		assertThat(tested.get("category").asString()).isEqualTo("AUTHENTICATION_FAILED");
		assertThat(tested.get("message").asString()).contains("SSH");

		body.set("ssh", passwordTunnel());
		JsonNode ok = api.post("/api/connections/test", body.toString()).json();
		assertThat(ok.get("success").asBoolean()).as(ok.toString()).isTrue();

		body.set("ssh", TestApi.JSON.createObjectNode().put("host", "127.0.0.1").put("username", "x")
			.put("authentication", "PRIVATE_KEY").put("privateKey", resource("rsa-with-passphrase")));
		TestApi.Response badKey = api.post("/api/connections", body.toString());
		assertThat(badKey.status()).isEqualTo(400);
		assertThat(badKey.body()).contains("ssh.privateKey").contains("passphrase");

		ObjectNode sqlite = TestApi.JSON.createObjectNode().put("name", "sqlite ssh").put("engine", "SQLITE")
			.put("filePath", "/nowhere.sqlite");
		sqlite.set("ssh", passwordTunnel());
		assertThat(api.post("/api/connections", sqlite.toString()).status()).isEqualTo(400);
	}

	@Test
	void sshSecretsAreStoredAsCiphertextAndNeverAnswered() {
		String password = "Ssh-S3cret!narwhal";
		String passphrase = "Key-Phrase&ibex";
		TestApi api = TestApi.admin(port);
		ObjectNode body = connection("POSTGRESQL", "db.internal", 5432, "app", "postgres");
		body.set("ssh", TestApi.JSON.createObjectNode().put("host", "127.0.0.1").put("username", "u")
			.put("password", password));
		TestApi.Response created = api.post("/api/connections", body.toString());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(created.json().get("ssh").get("port").asInt()).isEqualTo(22);
		// switching to a key keeps nothing of the password, and the key's passphrase is sealed too
		body.set("ssh", TestApi.JSON.createObjectNode().put("host", "127.0.0.1").put("username", "u")
			.put("authentication", "PRIVATE_KEY").put("privateKey", resource("rsa-with-passphrase"))
			.put("passphrase", "secret phrase"));
		TestApi.Response updated = api.put("/api/connections/" + id, body.toString());
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		assertThat(updated.json().get("ssh").get("hasPassword").asBoolean()).isFalse();
		assertThat(updated.json().get("ssh").get("hasPassphrase").asBoolean()).isTrue();
		// a new passphrase for the stored key is checked against it
		body.set("ssh", TestApi.JSON.createObjectNode().put("host", "127.0.0.1").put("username", "u")
			.put("authentication", "PRIVATE_KEY").put("passphrase", passphrase));
		TestApi.Response wrong = api.put("/api/connections/" + id, body.toString());
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.body()).contains("ssh.privateKey");

		Map<String, Object> row = jdbc.sql("SELECT ssh_password_secret, ssh_key_secret, ssh_passphrase_secret "
				+ "FROM connections WHERE id = ?").param(UUID.fromString(id)).query().singleRow();
		assertThat(row.get("ssh_password_secret")).isNull();
		assertThat(row.get("ssh_key_secret").toString()).startsWith("v1:").doesNotContain("PRIVATE KEY");
		assertThat(row.get("ssh_passphrase_secret").toString()).startsWith("v1:").doesNotContain("secret phrase");
		String events = String.join("\n", jdbc.sql("SELECT serialized_event FROM event_publication").query(String.class)
			.list());
		assertThat(events).doesNotContain(password).doesNotContain("secret phrase").doesNotContain("PRIVATE KEY");
		await().atMost(Duration.ofSeconds(10)).until(() -> api
			.get("/api/audit?targetType=connection&targetId=" + id).body().contains("ssh.authentication"));
		api.delete("/api/connections/" + id);
		assertThat(TestApi.SEEN).noneMatch(b -> b.contains(password) || b.contains(passphrase)
				|| b.contains("secret phrase") || b.contains("OPENSSH PRIVATE KEY"));
	}

	private void backUpAndRestore(TestApi api, String id, String host, String tool, Check restored) throws Exception {
		long before = bastion.forwardedTo(host);
		TestApi.Response started = api.post("/api/backups", TestApi.JSON.createObjectNode().put("connectionId", id)
			.put("kind", "FULL").toString());
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		JsonNode done = awaitFinished(api, started.json().get("id").asString());
		assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
		assertThat(done.get("manifest").get("tool").asString()).isEqualTo(tool);
		long afterBackup = bastion.forwardedTo(host);
		assertThat(afterBackup).as("the dump went through the tunnel").isGreaterThan(before);

		String target = ScratchDatabases.uniqueName("ssh_dst");
		ObjectNode restore = TestApi.JSON.createObjectNode().put("targetConnectionId", id).put("database", target)
			.put("newDatabase", true).put("confirm", target);
		try {
			TestApi.Response answer = api.post("/api/backups/" + done.get("id").asString() + "/restore",
					restore.toString());
			assertThat(answer.status()).as(answer.body()).isBetween(200, 202);
			// a restore may answer at once and run as a job: wait for its result rather than for its answer
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
				.untilAsserted(() -> restored.accept(target));
			assertThat(bastion.forwardedTo(host)).as("the restore went through the tunnel").isGreaterThan(afterBackup);
		}
		finally {
			dropQuietly(tool, target);
		}
	}

	private interface Check {
		void accept(String database) throws Throwable;
	}

	private static void dropQuietly(String tool, String database) {
		if (tool.equals("pg_dump")) {
			ScratchDatabases.exec(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD,
					"DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
		}
		else {
			ScratchDatabases.exec(ScratchDatabases.MARIADB_URL, ScratchDatabases.MARIADB_USER,
					ScratchDatabases.MARIADB_PASSWORD, "DROP DATABASE IF EXISTS `" + database + "`");
		}
	}

	private static JsonNode awaitFinished(TestApi api, String backup) {
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
			last[0] = api.get("/api/backups/" + backup).json();
			return !"IN_PROGRESS".equals(last[0].get("status").asString());
		});
		return last[0];
	}

	private static ObjectNode connection(String engine, String host, int port, String database, String user) {
		return TestApi.JSON.createObjectNode().put("name", "ssh " + UUID.randomUUID()).put("engine", engine)
			.put("host", host).put("port", port).put("database", database).put("username", user);
	}

	private static ObjectNode passwordTunnel() {
		return TestApi.JSON.createObjectNode().put("host", "127.0.0.1").put("port", bastion.port())
			.put("username", TunnelServer.USER).put("authentication", "PASSWORD").put("password", TunnelServer.PASSWORD);
	}

	/** Restores are checked by reading the databases directly (the bastion is only for Steward). */
	private static Map<String, String> pgFingerprints(String database) throws Exception {
		try (Connection c = DriverManager.getConnection(ScratchDatabases.pgUrlFor(database), ScratchDatabases.PG_USER,
				ScratchDatabases.PG_PASSWORD)) {
			List<String> tables = BackupFixtures.tables(c, "public").stream().map(t -> "public.\"" + t + "\"").toList();
			return BackupFixtures.fingerprints(c, tables);
		}
	}

	private static Map<String, String> mariadbFingerprints(String database) throws Exception {
		try (Connection c = DriverManager.getConnection(ScratchDatabases.MARIADB_URL + database,
				ScratchDatabases.MARIADB_USER, ScratchDatabases.MARIADB_PASSWORD)) {
			List<String> tables = BackupFixtures.tables(c, "%").stream().map(t -> "`" + t + "`").toList();
			return BackupFixtures.fingerprints(c, tables);
		}
	}

	private static PublicKey publicKey(String name) {
		return TunnelServer.publicKey(name);
	}

	private static String resource(String name) {
		return TunnelServer.resource(name);
	}
}
