package dev.steward.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.steward.test.BackupFixtures;
import dev.steward.test.IntegrationTest;
import dev.steward.test.JobsTesting;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@IntegrationTest
class BackupsIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@Test
	void postgresBackupVerifiesDownloadsAndRestoresIntoANewDatabase() throws Exception {
		TestApi api = TestApi.admin(port);
		try (ScratchDatabases.Scratch source = ScratchDatabases.postgres("api_src")) {
			BackupFixtures.loadChinookPostgres(source.name());
			String connection = createConnection(api, "pg " + source.name(),
					"postgresql://postgres@127.0.0.1:5432/" + source.name());
			JsonNode started = start(api, connection, "FULL");
			assertThat(started.get("status").asString()).isEqualTo("IN_PROGRESS");
			JsonNode done = awaitFinished(api, started.get("id").asString());
			assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
			String id = done.get("id").asString();
			JsonNode manifest = done.get("manifest");
			assertThat(manifest.get("tool").asString()).isEqualTo("pg_dump");
			assertThat(manifest.get("encrypted").asBoolean()).isTrue();
			assertThat(manifest.get("compression").asString()).isEqualTo("ZSTD");
			assertThat(manifest.get("tables").toString()).contains("public.track");
			assertThat(done.get("storedSize").asLong()).isLessThan(done.get("rawSize").asLong());
			Path artefact = dataDir.resolve("backups").resolve(connection).resolve(done.get("fileName").asString());
			assertThat(artefact).exists();
			assertThat(Files.readString(artefact.resolveSibling(artefact.getFileName() + ".manifest.json")))
				.contains(done.get("checksum").asString());

			String token = api.post("/api/tokens", "{\"name\":\"sse\"}").json().get("token").asString();
			var sse = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/backups/" + id + "/events"))
				.header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).build(),
					java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(sse.statusCode()).isEqualTo(200);
			assertThat(sse.body()).contains("event:done").contains("COMPLETED");

			TestApi.Response plain = api.get("/api/backups/" + id + "/download");
			assertThat(plain.status()).isEqualTo(200);
			assertThat(plain.body()).startsWith("PGDMP");
			assertThat(plain.headers().firstValue("Content-Disposition").orElse("")).contains(".pgdump\"");
			assertThat(api.get("/api/backups/" + id + "/download?raw=true").body()).startsWith("STWBKP");
			// a script with an API token streams the same download (its ASYNC dispatch has no session behind it)
			TestApi.Response scripted = TestApi.bearer(port, token).get("/api/backups/" + id + "/download");
			assertThat(scripted.status()).isEqualTo(200);
			assertThat(scripted.body()).startsWith("PGDMP").hasSameSizeAs(plain.body());

			JobsTesting.Finished verification = JobsTesting.verify(api, id, true);
			assertThat(verification.status()).as(verification.job().toString()).isEqualTo("COMPLETED");
			assertThat(verification.job().get("kind").asString()).isEqualTo("TEST_RESTORE");
			JsonNode verified = verification.result();
			assertThat(verified.get("ok").asBoolean()).as(verified.toString()).isTrue();
			assertThat(verified.get("testRestore").get("tables").size()).isEqualTo(11);

			String target = ScratchDatabases.uniqueName("api_dst");
			ObjectNode restore = TestApi.JSON.createObjectNode().put("targetConnectionId", connection).put("database", target)
				.put("newDatabase", true).put("confirm", target + "x");
			assertThat(api.post("/api/backups/" + id + "/restore", restore.toString()).status()).isEqualTo(409);
			restore.put("confirm", target);
			try {
				JobsTesting.Finished restored = JobsTesting.restore(api, id, restore.toString());
				assertThat(restored.status()).as(restored.job().toString()).isEqualTo("COMPLETED");
				assertThat(restored.job().get("phase").asString()).isEqualTo("DONE");
				assertThat(restored.result().get("database").asString()).isEqualTo(target);
				assertThat(restored.result().get("tables").size()).isEqualTo(11);
				assertThat(fingerprints(target)).isEqualTo(fingerprints(source.name())).hasSize(11);
			}
			finally {
				ScratchDatabases.exec(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD,
						"DROP DATABASE IF EXISTS " + target + " WITH (FORCE)");
			}
			assertThat(api.delete("/api/backups/" + id + "?confirm=nope").status()).isEqualTo(409);
			assertThat(api.delete("/api/backups/" + id + "?confirm=" + done.get("fileName").asString()).status()).isEqualTo(204);
			assertThat(artefact).doesNotExist();
			assertThat(api.get("/api/backups/" + id).status()).isEqualTo(404);
		}
	}

	@Test
	void tamperedTruncatedOrWronglyKeyedBackupsAreRefusedAndTouchNothing() throws Exception {
		TestApi api = TestApi.admin(port);
		Path db = Files.copy(BackupFixtures.datasets().resolve("chinook/Chinook_Sqlite.sqlite"),
				dataDir.resolve("sqlite/tamper-" + UUID.randomUUID() + ".sqlite"));
		String connection = createConnection(api, "sqlite tamper " + UUID.randomUUID(), db.toString());
		JsonNode done = awaitFinished(api, start(api, connection, "FULL").get("id").asString());
		assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
		String id = done.get("id").asString();
		Path artefact = dataDir.resolve("backups").resolve(connection).resolve(done.get("fileName").asString());
		byte[] original = Files.readAllBytes(artefact);
		String fileName = db.getFileName().toString();
		ObjectNode restore = TestApi.JSON.createObjectNode().put("targetConnectionId", connection).put("clean", true)
			.put("confirm", fileName);
		byte[] before = Files.readAllBytes(db);

		flip(artefact, original.length / 2);
		JobsTesting.Finished flipped = JobsTesting.verify(api, id, false);
		assertThat(flipped.status()).isEqualTo("FAILED");
		assertThat(flipped.reason()).isEqualTo("CHECKSUM_MISMATCH");
		assertThat(flipped.result().get("ok").asBoolean()).isFalse();
		assertThat(flipped.result().get("message").asString()).contains("failed authentication");
		JobsTesting.Finished refused = JobsTesting.restore(api, id, restore.toString());
		assertThat(refused.status()).isEqualTo("FAILED");
		assertThat(refused.reason()).isEqualTo("CHECKSUM_MISMATCH");
		assertThat(refused.message()).contains("nothing was changed");
		assertThat(Files.readAllBytes(db)).isEqualTo(before);

		Files.write(artefact, java.util.Arrays.copyOf(original, original.length - 1000));
		JobsTesting.Finished truncated = JobsTesting.verify(api, id, false);
		// the last chunk cut short fails its authentication tag like an altered one; only a cut between chunks is DAMAGED
		assertThat(truncated.reason()).isEqualTo("CHECKSUM_MISMATCH");
		assertThat(truncated.result().get("message").asString()).contains("truncated");
		int header = 6 + 3 + done.get("keyId").asString().length() + 32 + 7 + 16;
		Files.write(artefact, java.util.Arrays.copyOf(original, header));
		JobsTesting.Finished headerOnly = JobsTesting.verify(api, id, false);
		assertThat(headerOnly.reason()).isEqualTo("DAMAGED");
		assertThat(headerOnly.message()).contains("truncated");

		// the artefact is intact again, but the server's key for its id is not the one it was written with
		Path keyFile = dataDir.resolve("keys/backup-" + done.get("keyId").asString() + ".key");
		String key = Files.readString(keyFile);
		Files.write(artefact, original);
		assertThat(JobsTesting.verify(api, id, false).result().get("ok").asBoolean()).isTrue();
		try {
			byte[] other = new byte[32];
			new java.security.SecureRandom().nextBytes(other);
			Files.writeString(keyFile, java.util.Base64.getEncoder().encodeToString(other));
			JobsTesting.Finished wrongKey = JobsTesting.verify(api, id, false);
			assertThat(wrongKey.reason()).isEqualTo("WRONG_KEY");
			assertThat(wrongKey.result().get("ok").asBoolean()).isFalse();
			assertThat(wrongKey.result().get("message").asString()).contains("does not open this backup")
				.contains(done.get("keyId").asString());
			JobsTesting.Finished wrongKeyRestore = JobsTesting.restore(api, id, restore.toString());
			assertThat(wrongKeyRestore.reason()).isEqualTo("WRONG_KEY");
			assertThat(wrongKeyRestore.message()).contains("nothing was changed").contains("does not open this backup");
			assertThat(Files.readAllBytes(db)).isEqualTo(before);

			// a key Steward no longer holds at all (the key file was lost)
			Files.delete(keyFile);
			JobsTesting.Finished unknownKey = JobsTesting.verify(api, id, false);
			assertThat(unknownKey.reason()).isEqualTo("WRONG_KEY");
			assertThat(unknownKey.result().get("ok").asBoolean()).isFalse();
			assertThat(unknownKey.result().get("message").asString()).contains("which this Steward does not have");
			JobsTesting.Finished unknownKeyRestore = JobsTesting.restore(api, id, restore.toString());
			assertThat(unknownKeyRestore.reason()).isEqualTo("WRONG_KEY");
			assertThat(unknownKeyRestore.message()).contains("nothing was changed").contains("does not have");
			assertThat(Files.readAllBytes(db)).isEqualTo(before);
			assertThat(Files.readAllBytes(artefact)).isEqualTo(original);
		}
		finally {
			Files.writeString(keyFile, key);
			Files.setPosixFilePermissions(keyFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
		}
		JobsTesting.Finished ok = JobsTesting.restore(api, id, restore.toString());
		assertThat(ok.status()).as(ok.job().toString()).isEqualTo("COMPLETED");
	}

	@Test
	void aDumpStuckBehindALockFailsAsStalledAndACancelledOneIsCancelledBothWithoutFiles() throws Exception {
		TestApi api = TestApi.admin(port);
		try (ScratchDatabases.Scratch source = ScratchDatabases.postgres("api_lock"); Connection locker = source.connect()) {
			source.exec("CREATE TABLE busy (id int)", "INSERT INTO busy VALUES (1)");
			String connection = createConnection(api, "pg lock " + source.name(),
					"postgresql://postgres@127.0.0.1:5432/" + source.name());
			locker.setAutoCommit(false);
			try (Statement s = locker.createStatement()) {
				s.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
			}
			JsonNode stalled = awaitFinished(api, start(api, connection, "FULL").get("id").asString());
			assertThat(stalled.get("status").asString()).isEqualTo("FAILED");
			assertThat(stalled.get("reason").asString()).isEqualTo("STALLED");
			assertThat(stalled.get("error").asString()).contains("Stalled").contains("lock");
			assertThat(JobsTesting.awaitJob(api, stalled.get("jobId").asString()).get("failure").get("reason").asString())
				.isEqualTo("STALLED");

			String id = start(api, connection, "FULL").get("id").asString();
			Thread.sleep(1000);
			assertThat(api.post("/api/backups/" + id + "/cancel", null).status()).isEqualTo(200);
			JsonNode cancelled = awaitFinished(api, id);
			assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
			assertThat(cancelled.get("reason").asString()).isEqualTo("CANCELLED_BY_USER");
			assertThat(cancelled.get("error").asString()).contains("Cancelled by admin");
			locker.rollback();
			Path dir = dataDir.resolve("backups").resolve(connection);
			assertThat(!Files.exists(dir) || Files.list(dir).findAny().isEmpty()).isTrue();
			assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("pg_dump")))
				.isEmpty();
		}
	}

	@Test
	void unknownInvisibleAndHostileRequestsAreRefused() throws Exception {
		TestApi admin = TestApi.admin(port);
		assertThat(admin.get("/api/backups/" + UUID.randomUUID()).status()).isEqualTo(404);
		var alice = TestUsers.create(port, "OPERATOR");
		var bob = TestUsers.create(port, "OPERATOR");
		var viewer = TestUsers.create(port, "VIEWER");
		TestApi aliceApi = TestApi.login(port, alice.username(), alice.password());
		Path db = Files.copy(BackupFixtures.datasets().resolve("chinook/Chinook_Sqlite.sqlite"),
				dataDir.resolve("sqlite/private-" + UUID.randomUUID() + ".sqlite"));
		String connection = createConnection(aliceApi, "alice private " + UUID.randomUUID(), db.toString());
		String id = awaitFinished(aliceApi, start(aliceApi, connection, "FULL").get("id").asString()).get("id").asString();

		TestApi bobApi = TestApi.login(port, bob.username(), bob.password());
		assertThat(bobApi.get("/api/backups/" + id).status()).isEqualTo(404);
		assertThat(bobApi.get("/api/backups/" + id + "/download").status()).isEqualTo(404);
		assertThat(bobApi.get("/api/backups").json().get("items").toString()).doesNotContain(id);
		assertThat(admin.get("/api/backups").json().get("items").toString()).contains(id);

		TestApi viewerApi = TestApi.login(port, viewer.username(), viewer.password());
		assertThat(viewerApi.get("/api/backups").status()).isEqualTo(200);
		assertThat(viewerApi.post("/api/backups", "{\"connectionId\":\"" + connection + "\"}").status()).isEqualTo(403);

		TestApi.Response hostile = aliceApi.post("/api/backups", TestApi.JSON.createObjectNode().put("connectionId", connection)
			.set("includeTables", TestApi.JSON.createArrayNode().add("--file=/etc/passwd")).toString());
		assertThat(hostile.status()).isEqualTo(400);
		assertThat(hostile.body()).contains("includeTables");
		TestApi.Response badTarget = aliceApi.post("/api/backups/" + id + "/restore", TestApi.JSON.createObjectNode()
			.put("targetConnectionId", connection).put("database", "../../etc/x").put("newDatabase", true)
			.put("confirm", "../../etc/x").toString());
		assertThat(badTarget.status()).isEqualTo(400);
		assertThat(aliceApi.post("/api/backups", "{\"connectionId\":\"" + connection + "\",\"storage\":\"ftp\"}").status())
			.isEqualTo(400);
		assertThat(aliceApi.post("/api/backups", "{\"connectionId\":\"" + connection + "\",\"kind\":\"DATA\"}").status())
			.isEqualTo(409);
	}

	@Test
	void mongodbBackupIsMarkedLogicalVerifiesAndRestoresIntoANewDatabase() throws Exception {
		TestApi api = TestApi.admin(port);
		MongoServer server = new MongoServer(new MemoryBackend());
		InetSocketAddress address = server.bind();
		try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
			MongoDatabase shop = client.getDatabase("shop");
			List<Document> orders = new java.util.ArrayList<>();
			for (int i = 0; i < 1200; i++) {
				orders.add(new Document("_id", new ObjectId()).append("n", i).append("at", new java.util.Date(1_700_000_000_000L + i))
					.append("lines", List.of(new Document("sku", "s" + i).append("qty", i % 4)))
					.append("blob", new org.bson.types.Binary(new byte[] { (byte) i, 1, 2 })));
			}
			shop.getCollection("orders").insertMany(orders);
			shop.getCollection("orders").createIndex(Indexes.ascending("n"), new IndexOptions().unique(true));
			shop.getCollection("customers").insertOne(new Document("_id", "c1").append("name", "Ann"));
			String connection = createConnection(api, "mongo " + UUID.randomUUID(),
					"mongodb://127.0.0.1:" + address.getPort() + "/shop");

			JsonNode done = awaitFinished(api, start(api, connection, "FULL").get("id").asString());
			assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
			String id = done.get("id").asString();
			JsonNode manifest = done.get("manifest");
			assertThat(manifest.get("consistency").asString()).isEqualTo("LOGICAL");
			assertThat(manifest.get("tool").asString()).isEqualTo("mongodb-driver-sync");
			assertThat(manifest.get("format").asString()).isEqualTo("steward mongo archive v1");
			assertThat(manifest.get("tables").toString()).contains("\"orders\"").contains("1200");
			assertThat(done.get("fileName").asString()).endsWith(".stwmongo.zst.stwenc");
			assertThat(api.get("/api/backups/" + id + "/download").body()).startsWith("STWMONGO");

			JsonNode verified = JobsTesting.verify(api, id, true).result();
			assertThat(verified.get("ok").asBoolean()).as(verified.toString()).isTrue();
			assertThat(verified.get("entries").asInt()).isEqualTo(2);
			assertThat(verified.get("testRestore").get("tables").size()).isEqualTo(2);
			assertThat(client.listDatabaseNames().into(new java.util.ArrayList<>())).noneMatch(n -> n.startsWith("steward_verify"));

			ObjectNode restore = TestApi.JSON.createObjectNode().put("targetConnectionId", connection)
				.put("database", "shop_restored").put("newDatabase", true).put("confirm", "shop_restored");
			JobsTesting.Finished restored = JobsTesting.restore(api, id, restore.toString());
			assertThat(restored.status()).as(restored.job().toString()).isEqualTo("COMPLETED");
			MongoDatabase copy = client.getDatabase("shop_restored");
			for (String name : List.of("orders", "customers")) {
				List<String> expected = new java.util.ArrayList<>();
				List<String> actual = new java.util.ArrayList<>();
				shop.getCollection(name).find().sort(new Document("_id", 1)).forEach(d -> expected.add(d.toJson()));
				copy.getCollection(name).find().sort(new Document("_id", 1)).forEach(d -> actual.add(d.toJson()));
				assertThat(actual).as(name).isEqualTo(expected).isNotEmpty();
			}
			assertThat(copy.getCollection("orders").listIndexes().into(new java.util.ArrayList<>()).toString())
				.contains("n_1").contains("unique");
			// the same name again is refused: it exists now
			assertThat(api.post("/api/backups/" + id + "/restore", restore.toString()).status()).isEqualTo(409);
		}
		finally {
			server.shutdownNow();
		}
	}

	@Test
	void rotatingTheBackupKeyKeepsOlderBackupsReadable() throws Exception {
		TestApi api = TestApi.admin(port);
		Path db = Files.copy(BackupFixtures.datasets().resolve("chinook/Chinook_Sqlite.sqlite"),
				dataDir.resolve("sqlite/rotate-" + UUID.randomUUID() + ".sqlite"));
		String connection = createConnection(api, "sqlite rotate " + UUID.randomUUID(), db.toString());
		JsonNode before = awaitFinished(api, start(api, connection, "FULL").get("id").asString());
		assertThat(before.get("status").asString()).as(before.toString()).isEqualTo("COMPLETED");
		String oldKey = before.get("keyId").asString();

		TestApi.Response rotated = api.post("/api/backups/keys/rotate", null);
		assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
		String newKey = rotated.json().get("id").asString();
		assertThat(newKey).isNotEqualTo(oldKey);
		assertThat(rotated.json().get("active").asBoolean()).isTrue();

		TestApi.Response listed = api.get("/api/backups/keys");
		assertThat(listed.status()).isEqualTo(200);
		JsonNode keys = listed.json();
		List<String> active = new java.util.ArrayList<>();
		List<String> ids = new java.util.ArrayList<>();
		keys.forEach(k -> {
			ids.add(k.get("id").asString());
			assertThat(k.get("createdAt").asString()).isNotBlank();
			if (k.get("active").asBoolean()) {
				active.add(k.get("id").asString());
			}
		});
		assertThat(ids).contains(oldKey, newKey);
		assertThat(active).containsExactly(newKey);
		for (String keyId : ids) {
			String material = Files.readString(dataDir.resolve("keys/backup-" + keyId + ".key")).strip();
			assertThat(listed.body()).doesNotContain(material);
		}

		JsonNode after = awaitFinished(api, start(api, connection, "FULL").get("id").asString());
		assertThat(after.get("status").asString()).as(after.toString()).isEqualTo("COMPLETED");
		assertThat(after.get("keyId").asString()).isEqualTo(newKey);
		String fileName = db.getFileName().toString();
		ObjectNode restore = TestApi.JSON.createObjectNode().put("targetConnectionId", connection).put("clean", true)
			.put("confirm", fileName);
		for (JsonNode backup : List.of(before, after)) {
			String id = backup.get("id").asString();
			JsonNode verified = JobsTesting.verify(api, id, true).result();
			assertThat(verified.get("ok").asBoolean()).as(verified.toString()).isTrue();
			JobsTesting.Finished restored = JobsTesting.restore(api, id, restore.toString());
			assertThat(restored.status()).as(restored.job().toString()).isEqualTo("COMPLETED");
		}

		JsonNode audit = api.get("/api/audit?action=backup.key.rotate&targetId=" + newKey).json();
		assertThat(audit.get("items").size()).isEqualTo(1);
		assertThat(audit.toString()).contains(oldKey).doesNotContain(
				Files.readString(dataDir.resolve("keys/backup-" + newKey + ".key")).strip());

		var operator = TestUsers.create(port, "OPERATOR");
		TestApi operatorApi = TestApi.login(port, operator.username(), operator.password());
		assertThat(operatorApi.get("/api/backups/keys").status()).isEqualTo(403);
		assertThat(operatorApi.post("/api/backups/keys/rotate", null).status()).isEqualTo(403);
		assertThat(api.get("/api/backups/keys").json().toString()).contains("\"id\":\"" + newKey + "\",")
			.doesNotContain("secret");
	}

	@Test
	void aRestoreWhoseTargetIsDroppedMidWayFailsLoudlyAndAnEmptyArchiveIsRefused() throws Exception {
		TestApi api = TestApi.admin(port);
		try (ScratchDatabases.Scratch source = ScratchDatabases.postgres("api_big");
				ScratchDatabases.Scratch empty = ScratchDatabases.postgres("api_void")) {
			source.exec("CREATE TABLE big AS SELECT g AS id, md5(g::text) AS a, md5((g * 7)::text) AS b "
					+ "FROM generate_series(1, 1000000) g", "ALTER TABLE big ADD PRIMARY KEY (id)");
			String connection = createConnection(api, "pg big " + source.name(),
					"postgresql://postgres@127.0.0.1:5432/" + source.name());
			JsonNode done = awaitFinished(api, start(api, connection, "FULL").get("id").asString());
			assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
			String id = done.get("id").asString();

			String target = ScratchDatabases.uniqueName("api_drop");
			ObjectNode restore = TestApi.JSON.createObjectNode().put("targetConnectionId", connection).put("database", target)
				.put("newDatabase", true).put("confirm", target);
			TestApi.Response started = api.post("/api/backups/" + id + "/restore", restore.toString());
			assertThat(started.status()).as(started.body()).isEqualTo(202);
			String job = started.json().get("id").asString();
			try {
				// once pg_restore is connected to the new database, drop it from under it
				await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
					.until(() -> restoreBackends(target) > 0
							|| !api.get("/api/jobs/" + job).json().get("finishedAt").isNull());
				assertThat(restoreBackends(target)).as("the restore finished before the database could be dropped").isPositive();
				ScratchDatabases.exec(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD,
						"DROP DATABASE " + target + " WITH (FORCE)");
				JsonNode failed = JobsTesting.awaitJob(api, job);
				assertThat(failed.get("status").asString()).isEqualTo("FAILED");
				assertThat(JobsTesting.reason(failed)).isEqualTo("TOOL_FAILED");
				assertThat(JobsTesting.message(failed)).startsWith("Restore failed: pg_restore failed (exit 1)")
					.containsIgnoringCase("terminat");
			}
			finally {
				ScratchDatabases.exec(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD,
						"DROP DATABASE IF EXISTS " + target + " WITH (FORCE)");
			}
			assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("pg_restore")))
				.isEmpty();
			JsonNode audit = api.get("/api/audit?targetId=" + id + "&size=50").json().get("items");
			List<String> restores = new java.util.ArrayList<>();
			audit.forEach(a -> {
				if (a.get("action").asString().startsWith("backup.restore") || a.get("action").asString().startsWith("http.")) {
					restores.add(a.get("action").asString() + " " + a.get("outcome").asString() + " " + a.get("detail").asString());
				}
			});
			assertThat(restores).singleElement().asString().startsWith("backup.restore FAILURE").contains(target)
				.containsIgnoringCase("terminat");

			// a restore answers at once with its job and runs on without the client (a closed tab orphans nothing): the
			// job is audited and no process is left behind. It goes over an existing database whose table this test
			// holds a lock on, so it is certainly still running after the answer came.
			String token = api.post("/api/tokens", "{\"name\":\"impatient\"}").json().get("token").asString();
			String kept = ScratchDatabases.uniqueName("api_gone");
			ScratchDatabases.exec(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD,
					"CREATE DATABASE " + kept);
			ScratchDatabases.exec(ScratchDatabases.pgUrlFor(kept), ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD,
					"CREATE TABLE big (id int)");
			String keptJob;
			try (Connection lock = java.sql.DriverManager.getConnection(ScratchDatabases.pgUrlFor(kept),
					ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD)) {
				lock.setAutoCommit(false);
				try (Statement s = lock.createStatement()) {
					s.execute("LOCK TABLE big IN ACCESS SHARE MODE");
				}
				TestApi.Response answered = TestApi.bearer(port, token).post("/api/backups/" + id + "/restore",
						TestApi.JSON.createObjectNode().put("targetConnectionId", connection).put("database", kept)
							.put("newDatabase", false).put("clean", true).put("confirm", kept).toString());
				assertThat(answered.status()).as(answered.body()).isEqualTo(202);
				keptJob = answered.json().get("id").asString();
				await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
					.until(() -> api.get("/api/jobs/" + keptJob).json().get("phase").asString().equals("RESTORING"));
				assertThat(api.get("/api/jobs/" + keptJob).json().get("status").asString()).isEqualTo("RUNNING");
				lock.commit(); // the restore, still running server-side, may now drop and recreate the table
			}
			assertThat(JobsTesting.awaitJob(api, keptJob).get("status").asString()).isEqualTo("COMPLETED");
			try {
				await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> api
					.get("/api/audit?action=backup.restore&targetId=" + id + "&size=50").body().contains(kept));
				assertThat(api.get("/api/audit?action=backup.restore&targetId=" + id + "&size=50").json().get("items")
					.get(0).get("outcome").asString()).isEqualTo("SUCCESS");
				assertThat(fingerprints(kept)).isEqualTo(fingerprints(source.name()));
				assertThat(ProcessHandle.current().descendants()
					.filter(p -> p.info().command().orElse("").endsWith("pg_restore"))).isEmpty();
			}
			finally {
				ScratchDatabases.exec(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD,
						"DROP DATABASE IF EXISTS " + kept + " WITH (FORCE)");
			}

			// a backup of an empty database holds nothing to restore: refused before the target is created
			String emptyConnection = createConnection(api, "pg void " + empty.name(),
					"postgresql://postgres@127.0.0.1:5432/" + empty.name());
			JsonNode nothing = awaitFinished(api, start(api, emptyConnection, "DATA").get("id").asString());
			assertThat(nothing.get("status").asString()).as(nothing.toString()).isEqualTo("COMPLETED");
			String never = ScratchDatabases.uniqueName("api_never");
			JobsTesting.Finished refused = JobsTesting.restore(api, nothing.get("id").asString(),
					TestApi.JSON.createObjectNode().put("targetConnectionId", emptyConnection).put("database", never)
						.put("newDatabase", true).put("confirm", never).toString());
			assertThat(refused.status()).as(refused.job().toString()).isEqualTo("FAILED");
			assertThat(refused.reason()).isEqualTo("INVALID_ARCHIVE");
			assertThat(refused.message()).contains("nothing was changed").contains("no objects");
			assertThat(restoreBackends(never)).isZero();
			try (Connection c = java.sql.DriverManager.getConnection(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER,
					ScratchDatabases.PG_PASSWORD);
					var ps = c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
				ps.setString(1, never);
				try (var rs = ps.executeQuery()) {
					rs.next();
					assertThat(rs.getInt(1)).isZero();
				}
			}
		}
	}

	static int restoreBackends(String database) throws Exception {
		try (Connection c = java.sql.DriverManager.getConnection(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER,
				ScratchDatabases.PG_PASSWORD);
				var ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ? "
						+ "AND application_name = 'steward-restore'")) {
			ps.setString(1, database);
			try (var rs = ps.executeQuery()) {
				rs.next();
				return rs.getInt(1);
			}
		}
	}

	static void flip(Path file, long position) throws Exception {
		try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
			f.seek(position);
			int b = f.read();
			f.seek(position);
			f.write(b ^ 0x01);
		}
	}

	static String createConnection(TestApi api, String name, String url) {
		ObjectNode body = TestApi.JSON.createObjectNode().put("name", name).put("url", url);
		TestApi.Response r = api.post("/api/connections", body.toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}

	static JsonNode start(TestApi api, String connection, String kind) {
		TestApi.Response r = api.post("/api/backups", TestApi.JSON.createObjectNode().put("connectionId", connection)
			.put("kind", kind).toString());
		assertThat(r.status()).as(r.body()).isEqualTo(202);
		return r.json();
	}

	static JsonNode awaitFinished(TestApi api, String id) {
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			last[0] = api.get("/api/backups/" + id).json();
			return !"IN_PROGRESS".equals(last[0].get("status").asString());
		});
		return last[0];
	}

	static Map<String, String> fingerprints(String database) throws Exception {
		try (Connection c = java.sql.DriverManager.getConnection(ScratchDatabases.pgUrlFor(database), ScratchDatabases.PG_USER,
				ScratchDatabases.PG_PASSWORD)) {
			List<String> tables = BackupFixtures.tables(c, "public").stream().map(t -> "public.\"" + t + "\"").toList();
			return BackupFixtures.fingerprints(c, tables);
		}
	}
}
