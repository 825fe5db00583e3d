package dev.steward.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.steward.connection.ConnectionLookup;
import dev.steward.connection.ResolvedConnection;
import dev.steward.engine.PoolSettings;
import dev.steward.engine.TargetPools;
import dev.steward.engine.support.JdbcTargetPool;
import dev.steward.test.Datasets;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;

/**
 * More concurrent catalog reads than the target's pool has connections: they wait (bounded) for a connection,
 * and those that cannot get one answer 503 with Retry-After, a problem body, never 502 (the database is fine).
 */
@IntegrationTest
class CatalogUnderLoadIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@Autowired
	ConnectionLookup connections;

	@Autowired
	TargetPools pools;

	@Test
	void readsBeyondThePoolAreServedOrRefusedWith503NeverWith502() throws Exception {
		TestApi admin = TestApi.admin(port);
		String id = sqlite(admin);
		String page = "/api/connections/" + id + "/catalog/objects?database=main&schema=main";
		assertThat(admin.get(page).status()).isEqualTo(200); // opens the pool

		// every connection of the pool held elsewhere: the reads wait out the bounded wait, then 503
		ResolvedConnection resolved = connections.resolveAsSystem(UUID.fromString(id));
		JdbcTargetPool pool = pools.jdbc(resolved.poolKey(), resolved.spec());
		List<Connection> held = new ArrayList<>();
		try {
			for (int i = 0; i < PoolSettings.defaults().maxSize(); i++) {
				held.add(pool.dataSource().getConnection());
			}
			List<TestApi.Response> refused = concurrently(admin, page, 6);
			assertThat(refused).allSatisfy(r -> {
				assertThat(r.status()).as(r.body()).isEqualTo(503);
				assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v))
					.isPositive());
				assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
				assertThat(r.json().get("status").asInt()).isEqualTo(503);
				assertThat(r.body()).doesNotContain("Exception").doesNotContain("at dev.steward");
			});
		}
		finally {
			for (Connection c : held) {
				c.close();
			}
		}

		// far more readers than connections, nothing held: each is answered, 200 or 503, never 502
		List<TestApi.Response> burst = concurrently(admin, page, 60);
		assertThat(burst).allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(200, 503));
		assertThat(burst).anySatisfy(r -> assertThat(r.status()).isEqualTo(200));
	}

	private static List<TestApi.Response> concurrently(TestApi api, String path, int n) throws Exception {
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<TestApi.Response>> futures = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				futures.add(threads.submit(() -> api.get(path)));
			}
			List<TestApi.Response> out = new ArrayList<>();
			for (Future<TestApi.Response> f : futures) {
				out.add(f.get());
			}
			return out;
		}
	}

	private String sqlite(TestApi api) throws Exception {
		Path dir = Files.createDirectories(dataDir.resolve("sqlite").resolve("load-" + UUID.randomUUID()));
		Path file = Datasets.chinookSqlite(dir);
		TestApi.Response r = api.post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", "chinook under load " + UUID.randomUUID()).put("engine", "SQLITE")
			.put("filePath", file.toString()).toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}
}
