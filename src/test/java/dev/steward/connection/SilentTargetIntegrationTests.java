package dev.steward.connection;

import static dev.steward.connection.ConnectionTesting.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.steward.connection.ConnectionTesting.SilentServer;
import dev.steward.test.IntegrationTest;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import dev.steward.test.TestApi.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every feature that connects to a target, against a server that accepts TCP and never says a word: each
 * fails within the connect timeout (5 s by default) plus a little, with TIMEOUT or a problem body, and leaves
 * no driver thread, child process or open socket behind.
 */
@IntegrationTest
@org.junit.jupiter.api.Tag("target-only") // what is checked is the bound on calls to a target; the store side runs in the job and backup tests
class SilentTargetIntegrationTests {

	/** steward.engine.connect-timeout's default plus room for the slowest engine's bookkeeping. */
	static final long BOUND_MILLIS = 5_000 + 4_000;

	enum Engine {
		POSTGRESQL("postgresql://postgres@127.0.0.1:%d/%s"), MYSQL("mysql://root@127.0.0.1:%d/%s"),
		MONGODB("mongodb://127.0.0.1:%d/%s");

		final String url;

		Engine(String url) {
			this.url = url;
		}

		String url(int port, String database) {
			return url.formatted(port, database);
		}
	}

	static MongoServer mongo;

	static InetSocketAddress mongoAddress;

	/** One real completed backup per engine, made once, for the restore and verify cases: {backup, connection}. */
	static final Map<Engine, String[]> backups = new ConcurrentHashMap<>();

	/** {url, user, password, statement} that drop the scratch databases behind those backups. */
	static final java.util.List<String[]> cleanups = new java.util.concurrent.CopyOnWriteArrayList<>();

	/** Connections a test pointed at the silent server: removed after it so later lists (and pages) never wait on them. */
	final java.util.List<String> pointedAtSilence = new java.util.concurrent.CopyOnWriteArrayList<>();

	@LocalServerPort
	int port;

	SilentServer silent;

	@BeforeAll
	static void startMongo() {
		mongo = new MongoServer(new MemoryBackend());
		mongoAddress = mongo.bind();
	}

	@AfterAll
	static void stopMongo() {
		mongo.shutdownNow();
		cleanups.forEach(c -> ScratchDatabases.exec(c[0], c[1], c[2], c[3]));
	}

	@BeforeEach
	void silence() throws IOException {
		silent = new SilentServer();
	}

	@AfterEach
	void nothingLeftBehind() throws IOException {
		try {
			// every socket Steward opened to the silent server is closed by Steward, and no driver thread or
			// client tool lives on
			await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				assertThat(silent.openByPeer()).as("sockets still open by Steward").isZero();
				assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
					.noneMatch(n -> n.startsWith("PostgreSQL JDBC driver connection thread"));
				assertThat(ProcessHandle.current().descendants()
					.map(p -> p.info().command().orElse(""))
					.filter(c -> c.matches(".*/(pg_dump|pg_restore|psql|mariadb|mariadb-dump|mysql|mysqldump)$")))
					.isEmpty();
			});
		}
		finally {
			silent.close();
			TestApi api = TestApi.admin(port);
			pointedAtSilence.forEach(id -> api.delete("/api/connections/" + id));
		}
	}

	@ParameterizedTest
	@EnumSource(Engine.class)
	void connectionTestsTimeOut(Engine engine) {
		TestApi api = TestApi.admin(port);
		JsonNode unsaved = timed(() -> api.post("/api/connections/test",
				json().put("url", engine.url(silent.port(), "x")).toString()).json());
		assertThat(unsaved.get("success").asBoolean()).as(unsaved.toString()).isFalse();
		assertThat(unsaved.get("category").asString()).as(unsaved.toString()).isEqualTo("TIMEOUT");
		String id = register(api, engine, "x");
		JsonNode saved = timed(() -> api.post("/api/connections/" + id + "/test", null).json());
		assertThat(saved.get("category").asString()).as(saved.toString()).isEqualTo("TIMEOUT");
	}

	@ParameterizedTest
	@EnumSource(Engine.class)
	void catalogListingTimesOut(Engine engine) {
		TestApi api = TestApi.admin(port);
		String id = register(api, engine, "x");
		Response listed = timed(() -> api.get("/api/connections/" + id + "/catalog/databases"));
		assertProblem(listed);
	}

	@ParameterizedTest
	@EnumSource(Engine.class)
	void backupStartTimesOut(Engine engine) {
		TestApi api = TestApi.admin(port);
		String id = register(api, engine, "x");
		Response started = timed(() -> api.post("/api/backups",
				TestApi.JSON.createObjectNode().put("connectionId", id).toString()));
		assertProblem(started);
		assertThat(started.json().get("category").asString()).isEqualTo("TIMEOUT");
	}

	@ParameterizedTest
	@EnumSource(Engine.class)
	void restoreTimesOut(Engine engine) throws Exception {
		TestApi api = TestApi.admin(port);
		String backup = backupOf(api, engine);
		String target = register(api, engine, "restored");
		ObjectNode body = TestApi.JSON.createObjectNode().put("targetConnectionId", target).put("database", "restored")
			.put("newDatabase", true).put("confirm", "restored");
		Response restored = timed(() -> api.post("/api/backups/" + backup + "/restore", body.toString()));
		assertProblem(restored);
		assertThat(restored.json().get("category").asString()).isEqualTo("TIMEOUT");
	}

	@ParameterizedTest
	@EnumSource(Engine.class)
	void verifyWithATestRestoreTimesOut(Engine engine) throws Exception {
		TestApi api = TestApi.admin(port);
		String backup = backupOf(api, engine);
		String source = backups.get(engine)[1];
		// the backup's own connection now points at the silent server
		Response moved = api.put("/api/connections/" + source,
				json().put("name", "silent " + UUID.randomUUID()).put("url", engine.url(silent.port(), "x")).toString());
		assertThat(moved.status()).as(moved.body()).isEqualTo(200);
		pointedAtSilence.add(source);
		try {
			// the verification is a job: it answers at once, and its test restore fails in bounded time, typed
			JsonNode failed = timed(() -> dev.steward.test.JobsTesting.verify(api, backup, true).job());
			assertThat(failed.get("status").asString()).as(failed.toString()).isEqualTo("FAILED");
			assertThat(dev.steward.test.JobsTesting.reason(failed)).isEqualTo("TARGET_UNREACHABLE");
			assertThat(failed.toString()).doesNotContain("\\tat ");
		}
		finally {
			backups.remove(engine);
		}
	}

	// ---- helpers -----------------------------------------------------------------------------------------

	private String register(TestApi api, Engine engine, String database) {
		Response r = api.post("/api/connections", json().put("name", "silent " + UUID.randomUUID())
			.put("url", engine.url(silent.port(), database)).toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		String id = r.json().get("id").asString();
		pointedAtSilence.add(id);
		return id;
	}

	/** A completed backup of a tiny real database of this engine: {backup id, connection id, cleanup …}. */
	private String backupOf(TestApi api, Engine engine) {
		String[] existing = backups.get(engine);
		if (existing != null) {
			return existing[0];
		}
		String name = ScratchDatabases.uniqueName("silent");
		String url;
		String[] cleanup = null;
		switch (engine) {
			case POSTGRESQL -> {
				ScratchDatabases.exec(ScratchDatabases.PG_URL, ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD,
						"CREATE DATABASE " + name);
				ScratchDatabases.exec(ScratchDatabases.pgUrlFor(name), ScratchDatabases.PG_USER,
						ScratchDatabases.PG_PASSWORD, "CREATE TABLE t (x int)", "INSERT INTO t VALUES (1)");
				url = "postgresql://postgres@127.0.0.1:5432/" + name;
				cleanup = new String[] { ScratchDatabases.PG_URL, ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD,
						"DROP DATABASE IF EXISTS " + name + " WITH (FORCE)" };
			}
			case MYSQL -> {
				ScratchDatabases.exec(ScratchDatabases.MARIADB_URL, ScratchDatabases.MARIADB_USER,
						ScratchDatabases.MARIADB_PASSWORD, "CREATE DATABASE " + name,
						"CREATE TABLE " + name + ".t (x int)", "INSERT INTO " + name + ".t VALUES (1)");
				url = "mysql://root@127.0.0.1:3306/" + name;
				cleanup = new String[] { ScratchDatabases.MARIADB_URL, ScratchDatabases.MARIADB_USER,
						ScratchDatabases.MARIADB_PASSWORD, "DROP DATABASE IF EXISTS " + name };
			}
			default -> {
				try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoAddress.getPort())) {
					client.getDatabase(name).getCollection("t").insertOne(new Document("x", 1));
				}
				url = "mongodb://127.0.0.1:" + mongoAddress.getPort() + "/" + name;
			}
		}
		Response created = api.post("/api/connections", json().put("name", "source " + name).put("url", url).toString());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String connection = created.json().get("id").asString();
		Response started = api.post("/api/backups", TestApi.JSON.createObjectNode().put("connectionId", connection)
			.put("encrypted", false).toString());
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		String id = started.json().get("id").asString();
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			last[0] = api.get("/api/backups/" + id).json();
			return !"IN_PROGRESS".equals(last[0].get("status").asString());
		});
		assertThat(last[0].get("status").asString()).as(last[0].toString()).isEqualTo("COMPLETED");
		if (cleanup != null) {
			cleanups.add(cleanup);
		}
		backups.put(engine, new String[] { id, connection });
		return id;
	}

	private static <T> T timed(Supplier<T> call) {
		long start = System.nanoTime();
		T result = call.get();
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(millis).as("took %d ms: %s", millis, result).isLessThan(BOUND_MILLIS);
		return result;
	}

	private static void assertProblem(Response r) {
		assertThat(r.status()).as(r.body()).isBetween(400, 599).isNotEqualTo(500);
		assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
		// no stack trace, raw or JSON-escaped
		assertThat(r.body()).doesNotContain("\tat ").doesNotContain("\\tat ").doesNotContain("\"trace\"");
	}
}
