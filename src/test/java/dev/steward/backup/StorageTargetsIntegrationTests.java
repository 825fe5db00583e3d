package dev.steward.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.test.BackupFixtures;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Managed storage targets: CRUD with validation and path confinement, secrets never answered, the probe test against
 * a local directory and s3proxy, and one backup copied to several targets (a failing target fails only its copy).
 */
@IntegrationTest
class StorageTargetsIntegrationTests {

	static S3Proxy proxy;

	static BlobStoreContext blobs;

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@BeforeAll
	static void startS3() throws Exception {
		blobs = ContextBuilder.newBuilder("transient").credentials("identity", "credential").build(BlobStoreContext.class);
		blobs.getBlobStore().createContainerInLocation(null, "steward-copies");
		proxy = S3Proxy.builder().blobStore(blobs.getBlobStore()).awsAuthentication(AuthenticationType.AWS_V2_OR_V4,
				"access-id-1234", "very-secret-5678").endpoint(URI.create("http://127.0.0.1:0")).build();
		proxy.start();
		while (!proxy.getState().equals("STARTED")) {
			Thread.sleep(10);
		}
	}

	@AfterAll
	static void stopS3() throws Exception {
		proxy.stop();
		blobs.close();
	}

	private Path root() {
		return dataDir.resolve("targets");
	}

	private static String local(String name, String path) {
		return TestApi.JSON.createObjectNode().put("name", name).put("kind", "LOCAL").put("path", path).toString();
	}

	private static ObjectNode s3(String name, String endpoint) {
		return TestApi.JSON.createObjectNode().put("name", name).put("kind", "S3").put("endpoint", endpoint)
			.put("bucket", "steward-copies").put("prefix", "it/" + UUID.randomUUID()).put("pathStyle", true)
			.put("accessKey", "access-id-1234").put("secretKey", "very-secret-5678");
	}

	private static String created(TestApi.Response r) {
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}

	@Test
	void localTargetsAreConfinedToTheAllowedRootsAndCrudIsAdminOnlyAndAudited() throws Exception {
		TestApi admin = TestApi.admin(port);
		String name = "local " + UUID.randomUUID();
		Path dir = root().resolve("crud-" + UUID.randomUUID());
		// outside every root, relative, '..', a link escaping the root, Steward's own backup directory
		assertThat(admin.post("/api/storage-targets", local(name, "/tmp/elsewhere")).status()).isEqualTo(400);
		assertThat(admin.post("/api/storage-targets", local(name, "relative/dir")).status()).isEqualTo(400);
		TestApi.Response dots = admin.post("/api/storage-targets", local(name, root() + "/a/../../escaped"));
		assertThat(dots.status()).isEqualTo(400);
		assertThat(dots.body()).contains("path");
		Path link = root().resolve("link-" + UUID.randomUUID());
		Files.createSymbolicLink(link, Path.of("/tmp"));
		TestApi.Response viaLink = admin.post("/api/storage-targets", local(name, link.resolve("x").toString()));
		assertThat(viaLink.status()).as(viaLink.body()).isEqualTo(400);
		assertThat(viaLink.body()).contains("allowed root");
		Path toBackups = root().resolve("own-" + UUID.randomUUID());
		Files.createSymbolicLink(toBackups, dataDir.resolve("backups"));
		TestApi.Response own = admin.post("/api/storage-targets", local(name, toBackups.resolve("sub").toString()));
		assertThat(own.status()).as(own.body()).isEqualTo(400);
		assertThat(own.body()).contains("own files");
		assertThat(admin.post("/api/storage-targets", local(name, root().toString())).status()).isEqualTo(400);
		assertThat(admin.post("/api/storage-targets", local("x\u202Ey", dir.toString())).status()).isEqualTo(400);

		// rights before validation: an OPERATOR is refused even with a bad body
		TestUsers.TestUser operator = TestUsers.create(port, "OPERATOR");
		TestApi op = TestApi.login(port, operator.username(), operator.password());
		assertThat(op.post("/api/storage-targets", "{}").status()).isEqualTo(403);

		String id = created(admin.post("/api/storage-targets", local(name, dir.toString())));
		assertThat(admin.post("/api/storage-targets", local(name, root().resolve("other").toString())).status())
			.as("names are unique").isEqualTo(409);
		assertThat(admin.post("/api/storage-targets", local("inside", dir.resolve("nested").toString())).status())
			.as("not inside another target").isEqualTo(400);
		assertThat(op.put("/api/storage-targets/" + id, local(name, dir.toString())).status()).isEqualTo(403);
		assertThat(op.delete("/api/storage-targets/" + id).status()).isEqualTo(403);
		assertThat(op.post("/api/storage-targets/" + id + "/test", null).status()).isEqualTo(403);

		JsonNode opView = op.get("/api/storage-targets/" + id).json();
		assertThat(opView.get("path").asString()).endsWith("/" + dir.getFileName());
		assertThat(opView.get("usableBytes").asLong()).isPositive();
		TestUsers.TestUser viewer = TestUsers.create(port, "VIEWER");
		TestApi view = TestApi.login(port, viewer.username(), viewer.password());
		JsonNode viewerList = view.get("/api/storage-targets").json();
		JsonNode mine = null;
		for (JsonNode t : viewerList) {
			assertThat(t.path("path").isNull() || t.path("path").isMissingNode()).as("VIEWERs read names only").isTrue();
			if (t.get("id").asString().equals(id)) {
				mine = t;
			}
		}
		assertThat(mine).isNotNull();
		assertThat(mine.get("name").asString()).isEqualTo(name);
		JsonNode configured = null;
		for (JsonNode t : admin.get("/api/storage-targets").json()) {
			if (t.get("id").asString().equals("local")) {
				configured = t;
			}
		}
		assertThat(configured).isNotNull();
		assertThat(configured.get("managed").asBoolean()).isFalse();
		assertThat(admin.put("/api/storage-targets/local", local("local2", dir.toString())).status()).isEqualTo(409);
		assertThat(admin.delete("/api/storage-targets/local").status()).isEqualTo(409);

		TestApi.Response renamed = admin.put("/api/storage-targets/" + id, local(name + " renamed", dir.toString()));
		assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
		JsonNode test = admin.post("/api/storage-targets/" + id + "/test", null).json();
		assertThat(test.get("ok").asBoolean()).as(test.toString()).isTrue();
		assertThat(test.get("steps")).extracting(s -> s.get("step").asString()).containsExactly("WRITE", "READ", "DELETE");
		assertThat(admin.get("/api/storage-targets/" + id).json().get("lastTest").get("ok").asBoolean()).isTrue();
		try (var files = Files.walk(dir)) {
			assertThat(files.filter(Files::isRegularFile).toList()).as("the probe is gone").isEmpty();
		}
		assertThat(admin.delete("/api/storage-targets/" + id).status()).isEqualTo(204);
		assertThat(admin.get("/api/storage-targets/" + id).status()).isEqualTo(404);

		String audit = admin.get("/api/audit?targetId=" + id + "&size=50").body();
		assertThat(audit).contains("storage-target.create").contains("storage-target.update")
			.contains("storage-target.test").contains("storage-target.delete");
	}

	@Test
	void s3CredentialsAreSealedNeverAnsweredAndTheTestReachesTheBucket() {
		TestApi admin = TestApi.admin(port);
		String endpoint = "http://127.0.0.1:" + proxy.getPort();
		TestApi.Response r = admin.post("/api/storage-targets", s3("s3 " + UUID.randomUUID(), endpoint).toString());
		String id = created(r);
		assertThat(r.body()).doesNotContain("very-secret-5678").doesNotContain("access-id-1234");
		assertThat(r.json().get("hasCredentials").asBoolean()).isTrue();
		assertThat(admin.get("/api/storage-targets").body()).doesNotContain("very-secret-5678").doesNotContain("access-id-1234");
		JsonNode test = admin.post("/api/storage-targets/" + id + "/test", null).json();
		assertThat(test.get("ok").asBoolean()).as(test.toString()).isTrue();
		assertThat(admin.get("/api/audit?targetId=" + id + "&size=50").body()).contains("storage-target.test")
			.doesNotContain("very-secret-5678");

		// bad input: bucket, endpoint scheme, metadata address, one credential without the other
		ObjectNode bad = s3("bad " + UUID.randomUUID(), endpoint).put("bucket", "Not_A_Bucket");
		assertThat(admin.post("/api/storage-targets", bad.toString()).status()).isEqualTo(400);
		assertThat(admin.post("/api/storage-targets", s3("bad", "file:///etc").toString()).status()).isEqualTo(400);
		assertThat(admin.post("/api/storage-targets", s3("bad", "http://169.254.169.254/").toString()).status()).isEqualTo(400);
		ObjectNode half = s3("half " + UUID.randomUUID(), endpoint);
		half.remove("secretKey");
		assertThat(admin.post("/api/storage-targets", half.toString()).status()).isEqualTo(400);

		// wrong credentials: the test says the write failed and skips the rest
		String wrong = created(admin.post("/api/storage-targets",
				s3("wrong " + UUID.randomUUID(), endpoint).put("secretKey", "nope").toString()));
		JsonNode failed = admin.post("/api/storage-targets/" + wrong + "/test", null).json();
		assertThat(failed.get("ok").asBoolean()).isFalse();
		assertThat(failed.get("steps").get(0).get("ok").asBoolean()).isFalse();
		assertThat(failed.get("steps").get(0).get("error").asString()).isNotBlank();
		assertThat(failed.get("steps").get(1).get("skipped").asBoolean()).isTrue();
		admin.delete("/api/storage-targets/" + wrong);
		admin.delete("/api/storage-targets/" + id);
	}

	@Test
	void oneBackupGoesToLocalAndS3AsTwoCopiesWithOneChecksumAndReadsFromEither() throws Exception {
		TestApi admin = TestApi.admin(port);
		Path dir = root().resolve("copies-" + UUID.randomUUID());
		String localId = created(admin.post("/api/storage-targets", local("copies local " + UUID.randomUUID(), dir.toString())));
		String s3Id = created(admin.post("/api/storage-targets",
				s3("copies s3 " + UUID.randomUUID(), "http://127.0.0.1:" + proxy.getPort()).toString()));
		String connection = sqliteConnection(admin, "copies");
		JsonNode backup = backup(admin, connection, localId, s3Id);
		assertThat(backup.get("status").asString()).isEqualTo("COMPLETED");
		JsonNode copies = backup.get("copies");
		assertThat(copies).hasSize(2);
		assertThat(copies).extracting(c -> c.get("status").asString()).containsOnly("COMPLETED");
		assertThat(copies).extracting(c -> c.get("checksum").asString()).containsOnly(backup.get("checksum").asString());
		assertThat(copies).extracting(c -> c.get("targetId").asString()).containsExactlyInAnyOrder(localId, s3Id);
		String s3Location = null;
		Path localFile = null;
		for (JsonNode c : copies) {
			if (c.get("targetId").asString().equals(s3Id)) {
				s3Location = c.get("location").asString();
			}
			else {
				localFile = Path.of(c.get("location").asString());
			}
		}
		assertThat(s3Location).startsWith("s3://steward-copies/");
		assertThat(localFile).exists();

		// the local copy gone: the download reads the S3 copy, checked against the one checksum
		byte[] kept = Files.readAllBytes(localFile);
		Files.delete(localFile);
		assertDownloads(admin, backup.get("id").asString());
		// and with the S3 copy gone instead, the local one
		Files.write(localFile, kept);
		String key = s3Location.substring("s3://steward-copies/".length());
		blobs.getBlobStore().removeBlob("steward-copies", key);
		assertDownloads(admin, backup.get("id").asString());

		assertThat(admin.delete("/api/storage-targets/" + localId).status()).as("it holds a copy").isEqualTo(409);
		TestApi.Response deleted = admin.delete("/api/backups/" + backup.get("id").asString() + "?confirm="
				+ java.net.URLEncoder.encode(backup.get("fileName").asString(), java.nio.charset.StandardCharsets.UTF_8));
		assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
		assertThat(Files.exists(localFile)).isFalse();
		assertThat(admin.delete("/api/storage-targets/" + localId).status()).isEqualTo(204);
		assertThat(admin.delete("/api/storage-targets/" + s3Id).status()).isEqualTo(204);
	}

	@Test
	void anUnreachableTargetFailsOnlyItsCopyAndIsNotified() throws Exception {
		TestApi admin = TestApi.admin(port);
		java.util.concurrent.BlockingQueue<String> received = new java.util.concurrent.LinkedBlockingQueue<>();
		com.sun.net.httpserver.HttpServer hook = com.sun.net.httpserver.HttpServer
			.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
		hook.createContext("/hook", ex -> {
			received.add(new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
			ex.sendResponseHeaders(204, -1);
			ex.close();
		});
		hook.start();
		try {
			TestApi.Response channel = admin.post("/api/notification-channels", TestApi.JSON.createObjectNode()
				.put("name", "targets " + UUID.randomUUID()).put("type", "WEBHOOK")
				.put("url", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook")
				.put("failuresOnly", true).set("topics", TestApi.JSON.createArrayNode().add("STORAGE_UNREACHABLE"))
				.toString());
			assertThat(channel.status()).as(channel.body()).isEqualTo(201);
			Path dir = root().resolve("down-" + UUID.randomUUID());
			String localId = created(admin.post("/api/storage-targets", local("down local " + UUID.randomUUID(), dir.toString())));
			String downName = "down s3 " + UUID.randomUUID();
			// nothing listens on port 9 of localhost: S3 is down
			String downId = created(admin.post("/api/storage-targets", s3(downName, "http://127.0.0.1:9").toString()));
			String connection = sqliteConnection(admin, "down");
			JsonNode backup = backup(admin, connection, localId, downId);
			assertThat(backup.get("status").asString()).as("usable from the other copy").isEqualTo("COMPLETED");
			for (JsonNode c : backup.get("copies")) {
				if (c.get("targetId").asString().equals(downId)) {
					assertThat(c.get("status").asString()).isEqualTo("FAILED");
					assertThat(c.get("error").asString()).isNotBlank();
				}
				else {
					assertThat(c.get("status").asString()).isEqualTo("COMPLETED");
				}
			}
			assertDownloads(admin, backup.get("id").asString());
			String got = received.poll(30, TimeUnit.SECONDS);
			assertThat(got).as("the copy failure is notified").isNotNull();
			JsonNode m = TestApi.JSON.readTree(got);
			assertThat(m.get("topic").asString()).isEqualTo("STORAGE_UNREACHABLE");
			assertThat(m.get("summary").asString()).contains(downName).contains("other targets");
			admin.delete("/api/notification-channels/" + channel.json().get("id").asString());
		}
		finally {
			hook.stop(0);
		}
	}

	private JsonNode backup(TestApi api, String connection, String... targets) {
		ObjectNode body = TestApi.JSON.createObjectNode().put("connectionId", connection);
		var array = body.putArray("targets");
		for (String t : targets) {
			array.add(t);
		}
		TestApi.Response started = api.post("/api/backups", body.toString());
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		String id = started.json().get("id").asString();
		Awaitility.await().atMost(Duration.ofSeconds(90))
			.until(() -> !"IN_PROGRESS".equals(api.get("/api/backups/" + id).json().get("status").asString()));
		return api.get("/api/backups/" + id).json();
	}

	private static void assertDownloads(TestApi api, String backupId) {
		TestApi.Response plain = api.get("/api/backups/" + backupId + "/download");
		assertThat(plain.status()).as(plain.body()).isEqualTo(200);
		assertThat(plain.body()).startsWith("SQLite format 3");
	}

	private String sqliteConnection(TestApi api, String name) throws Exception {
		Path dir = Files.createDirectories(dataDir.resolve("sqlite").resolve("targets-" + UUID.randomUUID()));
		Path db = Files.copy(BackupFixtures.datasets().resolve("chinook/Chinook_Sqlite.sqlite"), dir.resolve("t.sqlite"));
		TestApi.Response created = api.post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", name + " " + UUID.randomUUID()).put("engine", "SQLITE").put("filePath", db.toString()).toString());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}
}
