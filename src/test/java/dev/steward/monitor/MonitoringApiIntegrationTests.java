package dev.steward.monitor;

import static dev.steward.schedule.ScheduleTesting.tinySqliteConnectionIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;

import dev.steward.connection.ConnectionLookup;
import dev.steward.engine.HealthMetric;
import dev.steward.monitor.internal.MonitorProperties;
import dev.steward.monitor.internal.SampleBuffer;
import dev.steward.monitor.internal.SampleStore;
import dev.steward.monitor.internal.SampleTaker;
import dev.steward.monitor.internal.Sampler;
import dev.steward.monitor.internal.SamplerLoop;
import dev.steward.monitor.internal.SettingsStore;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import dev.steward.test.TestUsers.TestUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Monitoring end to end on the real sampler: switching it on (audited, owner or admin only, VIEWERs read), samples
 * and status on the overview, a down connection, fresh health, series, Prometheus export; and two more samplers
 * playing other instances never sample a connection twice within its interval.
 */
@IntegrationTest
class MonitoringApiIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@Autowired
	SettingsStore settings;

	@Autowired
	SamplerLoop loop;

	@Autowired
	SampleTaker taker;

	@Autowired
	SampleBuffer buffer;

	@Autowired
	SampleStore store;

	@Autowired
	ConnectionLookup connections;

	@Autowired
	MonitorProperties properties;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	JsonMapper json;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry registry;

	Path sqliteDir() throws Exception {
		return Files.createDirectories(dataDir.resolve("sqlite"));
	}

	static JsonNode entry(TestApi api, String id) {
		JsonNode overview = api.get("/api/monitoring/overview").json();
		return StreamSupport.stream(overview.spliterator(), false).filter(e -> e.get("connectionId").asString().equals(id))
			.findFirst().orElseThrow(() -> new AssertionError("not on the overview: " + id));
	}

	@Test
	void monitoringOnShowsUpAndDownOnTheOverviewWithSeriesAndPrometheus() throws Exception {
		TestApi admin = TestApi.admin(port);
		String healthy = tinySqliteConnectionIn(admin, sqliteDir(), "mon-up", true);
		Path goneFile = sqliteDir().resolve("mon-down-" + UUID.randomUUID() + ".sqlite");
		String down = tinySqliteConnectionIn(admin, sqliteDir(), "mon-down", true);
		JsonNode downProfile = admin.get("/api/connections/" + down).json();
		Files.move(Path.of(downProfile.get("filePath").asString()), goneFile);
		Files.createDirectories(Path.of(downProfile.get("filePath").asString())); // a directory: SQLite cannot open it

		assertThat(entry(admin, healthy).get("status").asString()).isEqualTo("UNMONITORED");
		for (String id : List.of(healthy, down)) {
			TestApi.Response put = admin.put("/api/connections/" + id + "/monitoring", "{\"enabled\":true,\"intervalSeconds\":5}");
			assertThat(put.status()).as(put.body()).isEqualTo(200);
		}
		assertThat(admin.get("/api/connections/" + healthy + "/monitoring").json().get("intervalSeconds").asInt())
			.isEqualTo(5);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
			.until(() -> "UP".equals(entry(admin, healthy).get("status").asString())
					&& "DOWN".equals(entry(admin, down).get("status").asString()));
		JsonNode up = entry(admin, healthy);
		assertThat(up.get("figures").get("latency").asDouble()).isGreaterThanOrEqualTo(0);
		assertThat(up.get("figures").has("page_count")).isTrue();
		assertThat(entry(admin, down).get("lastError").asString()).isNotBlank();
		assertThat(up.get("openAlerts").asInt()).isZero();

		JsonNode health = admin.get("/api/connections/" + healthy + "/health").json();
		assertThat(health.get("reachable").asBoolean()).isTrue();
		assertThat(health.get("figures").get("file_size").asDouble()).isGreaterThan(0);

		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			JsonNode series = admin.get("/api/connections/" + healthy + "/metrics?names=latency,page_count").json();
			return series.get("series").get(0).get("t").size() >= 1 && series.get("series").get(1).get("t").size() >= 1;
		});
		JsonNode series = admin.get("/api/connections/" + healthy + "/metrics?names=latency,up").json();
		assertThat(series.get("resolution").asString()).isEqualTo("RAW");
		assertThat(series.get("series").get(1).get("avg").get(0).asDouble()).isEqualTo(1.0);
		assertThat(admin.get("/api/connections/" + healthy + "/metrics?names=nope").status()).isEqualTo(400);
		assertThat(admin.get("/api/connections/" + healthy + "/metrics?names=latency&from=yesterday").status())
			.isEqualTo(400);
		assertThat(admin.get("/api/connections/" + UUID.randomUUID() + "/metrics?names=latency").status())
			.isEqualTo(404);

		assertThat(registry.find("steward.target.latency").tags("connection", healthy, "engine", "SQLITE").gauge())
			.isNotNull();
		assertThat(registry.find("steward.target.up").tags("connection", down, "engine", "SQLITE").gauge().value())
			.isZero();
		assertThat(registry.find("steward.target.page_count").tags("connection", healthy).gauge().value()).isPositive();

		JsonNode audit = admin.get("/api/audit?action=monitoring.update&size=50").json();
		assertThat(audit.get("totalElements").asLong()).isGreaterThanOrEqualTo(2);

		TestApi.Response off = admin.put("/api/connections/" + down + "/monitoring", "{\"enabled\":false}");
		assertThat(off.json().get("enabled").asBoolean()).isFalse();
		assertThat(registry.find("steward.target.up").tags("connection", down).gauge()).as("unexported").isNull();
		assertThat(entry(admin, down).get("status").asString()).isEqualTo("UNMONITORED");
		admin.put("/api/connections/" + healthy + "/monitoring", "{\"enabled\":false}");
	}

	@Test
	void viewersReadButCannotChangeMonitoringAndOperatorsOnlyTheirOwn() throws Exception {
		TestApi admin = TestApi.admin(port);
		String shared = tinySqliteConnectionIn(admin, sqliteDir(), "mon-rights", true);
		TestUser viewer = TestUsers.create(port, "VIEWER");
		TestUser operator = TestUsers.create(port, "OPERATOR");
		TestApi v = viewer.login(port);
		TestApi o = operator.login(port);

		assertThat(v.get("/api/monitoring/overview").status()).isEqualTo(200);
		assertThat(entry(v, shared).get("status").asString()).isEqualTo("UNMONITORED");
		assertThat(v.get("/api/connections/" + shared + "/monitoring").status()).isEqualTo(200);
		assertThat(v.get("/api/connections/" + shared + "/metrics?names=latency").status()).isEqualTo(200);
		assertThat(v.put("/api/connections/" + shared + "/monitoring", "{\"enabled\":true}").status()).isEqualTo(403);
		assertThat(v.put("/api/connections/" + shared + "/monitoring", "{\"enabled\":\"x\"}").status())
			.as("rights before input").isEqualTo(403);
		assertThat(o.put("/api/connections/" + shared + "/monitoring", "{\"enabled\":true}").status())
			.as("someone else's shared connection").isEqualTo(403);
		assertThat(TestApi.anonymous(port).get("/api/monitoring/overview").status()).isEqualTo(401);

		String own = tinySqliteConnectionIn(o, sqliteDir(), "mon-own", false);
		TestApi.Response mine = o.put("/api/connections/" + own + "/monitoring", "{\"enabled\":false,\"intervalSeconds\":60}");
		assertThat(mine.status()).as(mine.body()).isEqualTo(200);
		assertThat(o.put("/api/connections/" + own + "/monitoring", "{\"enabled\":true,\"intervalSeconds\":2}").status())
			.as("below the minimum").isEqualTo(400);
		assertThat(o.put("/api/connections/" + own + "/monitoring", "{}").status()).isEqualTo(400);
		assertThat(v.get("/api/connections/" + own + "/monitoring").status()).as("private to its owner").isEqualTo(404);
		assertThat(StreamSupport.stream(v.get("/api/monitoring/overview").json().spliterator(), false)
			.noneMatch(e -> e.get("connectionId").asString().equals(own))).isTrue();
	}

	@Test
	void twoMoreSamplersNeverSampleAConnectionTwiceInItsInterval() throws Exception {
		TestApi admin = TestApi.admin(port);
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String id = tinySqliteConnectionIn(admin, sqliteDir(), "mon-lease", false);
			ids.add(UUID.fromString(id));
			assertThat(admin.put("/api/connections/" + id + "/monitoring", "{\"enabled\":true,\"intervalSeconds\":5}")
				.status()).isEqualTo(200);
		}
		Map<UUID, List<Instant>> claims = new ConcurrentHashMap<>();
		List<Sampler> samplers = List.of(sampler("other-a"), sampler("other-b"));
		List<Thread> threads = new ArrayList<>();
		long end = System.nanoTime() + Duration.ofSeconds(12).toNanos();
		for (Sampler s : samplers) {
			threads.add(Thread.ofVirtual().start(() -> {
				while (System.nanoTime() < end) {
					Instant now = Instant.now();
					s.tick(now).forEach(id -> claims.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(now));
					try {
						Thread.sleep(20);
					}
					catch (InterruptedException e) {
						return;
					}
				}
			}));
		}
		for (Thread t : threads) {
			t.join();
		}
		for (Sampler s : samplers) {
			s.awaitIdle(10_000);
			s.close();
		}
		for (UUID id : ids) {
			admin.put("/api/connections/" + id + "/monitoring", "{\"enabled\":false}");
		}
		buffer.flush();
		assertThat(claims.keySet()).as("the extra samplers took part").isNotEmpty();
		for (UUID id : ids) {
			List<Instant> times = store.read(dev.steward.monitor.Resolution.RAW, id, HealthMetric.UP.id(),
					Instant.now().minus(Duration.ofMinutes(5)), Instant.now().plusSeconds(5)).stream()
				.map(SampleStore.Bucket::at).sorted().toList();
			assertThat(times).as("samples of %s by all three samplers", id).hasSizeBetween(2, 4);
			for (int i = 1; i < times.size(); i++) {
				assertThat(Duration.between(times.get(i - 1), times.get(i))).as("%s", times)
					.isGreaterThanOrEqualTo(Duration.ofMillis(4500));
			}
		}
	}

	@Test
	void samplingGoesOnAfterTheContextIsStoppedAndStartedAgain() throws Exception {
		// Spring stops a cached test context while another runs and starts it again: so does a paused app
		loop.stop();
		loop.start();
		TestApi admin = TestApi.admin(port);
		String id = tinySqliteConnectionIn(admin, sqliteDir(), "mon-restart", true);
		assertThat(admin.put("/api/connections/" + id + "/monitoring", "{\"enabled\":true,\"intervalSeconds\":5}")
			.status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
			.until(() -> "UP".equals(entry(admin, id).get("status").asString()));
		admin.put("/api/connections/" + id + "/monitoring", "{\"enabled\":false}");
	}

	Sampler sampler(String owner) {
		return new Sampler(owner, settings, taker, buffer, connections, properties, events, json);
	}
}
