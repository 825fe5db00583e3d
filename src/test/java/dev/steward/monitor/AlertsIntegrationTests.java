package dev.steward.monitor;

import static dev.steward.schedule.ScheduleTesting.tinySqliteConnectionIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;

import com.sun.net.httpserver.HttpServer;

import dev.steward.monitor.MonitorEvents.SampleTaken;
import dev.steward.monitor.internal.SampleStore;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import dev.steward.test.TestUsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Alerts end to end: samples (published as the sampler publishes them, at synthetic times 30 s apart) cross a rule's
 * threshold for its duration, fire once and reach the rule's webhook channel, repeat on the interval, hover without
 * flapping and resolve; ack and silence; a connection to a closed port fires the built-in "Target down" through the
 * real sampler; rules are ADMIN-only to change (403 before validation); every transition is audited.
 */
@IntegrationTest
class AlertsIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	SampleStore samples;

	/** A webhook standing in for a channel: the bodies it was sent. */
	static final class Hook implements AutoCloseable {

		final HttpServer server;

		final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

		Hook() throws IOException {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", exchange -> {
				try (InputStream in = exchange.getRequestBody()) {
					received.add(TestApi.JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
				}
				exchange.sendResponseHeaders(200, 2);
				exchange.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
				exchange.close();
			});
			server.start();
		}

		String url() {
			return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
		}

		JsonNode next() throws InterruptedException {
			return next(() -> "");
		}

		/** The next body, or a failure saying what the channel's delivery log holds. */
		JsonNode next(java.util.function.Supplier<String> diagnosis) throws InterruptedException {
			JsonNode n = received.poll(60, TimeUnit.SECONDS); // delivery is asynchronous; a loaded machine is slow
			assertThat(n).as(() -> "a webhook delivery; the channel's deliveries: " + diagnosis.get()).isNotNull();
			return n;
		}

		@Override
		public void close() {
			server.stop(0);
		}
	}

	/** A webhook channel that subscribes to no alert topic: it hears only the rules that name it. */
	static String channel(TestApi admin, Hook hook) {
		ObjectNode n = TestApi.JSON.createObjectNode().put("name", "alerts " + UUID.randomUUID()).put("type", "WEBHOOK")
			.put("url", hook.url()).put("failuresOnly", false);
		n.putArray("topics");
		TestApi.Response r = admin.post("/api/notification-channels", n.toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}

	static ObjectNode rule(String name, String metric, double threshold, double hysteresis, int forSeconds,
			int renotifyMinutes, String connection, String channel) {
		ObjectNode n = TestApi.JSON.createObjectNode().put("name", name).put("metric", metric).put("comparison", "ABOVE")
			.put("threshold", threshold).put("hysteresis", hysteresis).put("forSeconds", forSeconds).put("level", "ERROR")
			.put("scope", "CONNECTION").put("scopeValue", connection).put("renotifyMinutes", renotifyMinutes)
			.put("enabled", true);
		n.putArray("channelIds").add(channel);
		return n;
	}

	void sample(String connection, Instant at, String metric, double value) {
		events.publishEvent(new SampleTaken(new HealthView(UUID.fromString(connection), "alerting", "SQLITE", at,
				MonitorStatus.UP, true, 3, "3.45", Map.of(metric, value, "latency", 3.0), Map.of(), List.of())));
	}

	static List<JsonNode> items(TestApi api, String query) {
		TestApi.Response r = api.get("/api/alerts?" + query);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return StreamSupport.stream(r.json().get("items").spliterator(), false).toList();
	}

	static List<String> auditActions(TestApi admin, String alertId) {
		return StreamSupport.stream(admin.get("/api/audit?targetId=" + alertId + "&size=50").json().get("items")
			.spliterator(), false).map(e -> e.get("action").asString()).toList();
	}

	@Test
	void aThresholdHeldForItsDurationFiresOnceRepeatsAndResolvesWithHysteresis() throws Exception {
		TestApi admin = TestApi.admin(port);
		String conn = tinySqliteConnectionIn(admin, Files.createDirectories(dataDir.resolve("sqlite")), "alerting", true);
		try (Hook hook = new Hook()) {
			String ch = channel(admin, hook);
			TestApi.Response created = admin.post("/api/alert-rules",
					rule(TestUsers.uniqueName("long query"), "longest_query", 60, 10, 120, 10, conn, ch).toString());
			assertThat(created.status()).as(created.body()).isEqualTo(201);

			// 600 ns past a microsecond: the store rounds that up, which once made "held for 120 s" fall short
			Instant t0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusNanos(600);
			sample(conn, t0, "longest_query", 100);
			List<JsonNode> pending = items(admin, "connection=" + conn + "&state=PENDING");
			assertThat(pending).hasSize(1);
			String alertId = pending.getFirst().get("id").asString();
			for (int s = 30; s <= 90; s += 30) {
				sample(conn, t0.plusSeconds(s), "longest_query", 100);
			}
			assertThat(hook.received.poll(2, TimeUnit.SECONDS)).as("nothing before the duration").isNull();

			sample(conn, t0.plusSeconds(120), "longest_query", 100);
			JsonNode fired = hook.next(() -> admin.get("/api/notifications/deliveries?channelId=" + ch).body() + " alert: "
					+ admin.get("/api/alerts/" + alertId).body());
			assertThat(fired.get("summary").asString()).startsWith("Firing").contains("longest_query is 100 s");
			JsonNode alert = admin.get("/api/alerts/" + alertId).json();
			assertThat(alert.get("state").asString()).isEqualTo("FIRING");
			assertThat(MonitoringApiIntegrationTests.entry(admin, conn).get("openAlerts").asInt()).isEqualTo(1);

			for (int s = 150; s < 720; s += 30) {
				sample(conn, t0.plusSeconds(s), "longest_query", 100);
			}
			assertThat(hook.received.poll(3, TimeUnit.SECONDS)).as("fired once, no repeat before 10 min").isNull();
			sample(conn, t0.plusSeconds(720), "longest_query", 100);
			assertThat(hook.next().get("summary").asString()).startsWith("Still firing");

			// below the threshold but within the hysteresis: still firing; past it: resolved
			sample(conn, t0.plusSeconds(750), "longest_query", 55);
			assertThat(admin.get("/api/alerts/" + alertId).json().get("state").asString()).isEqualTo("FIRING");
			sample(conn, t0.plusSeconds(780), "longest_query", 40);
			assertThat(hook.next().get("summary").asString()).startsWith("Resolved");
			alert = admin.get("/api/alerts/" + alertId).json();
			assertThat(alert.get("state").asString()).isEqualTo("RESOLVED");
			assertThat(alert.get("notifyCount").asInt()).isEqualTo(2);
			assertThat(MonitoringApiIntegrationTests.entry(admin, conn).get("openAlerts").asInt()).isZero();
			assertThat(items(admin, "connection=" + conn + "&state=RESOLVED")).extracting(n -> n.get("id").asString())
				.contains(alertId);

			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(auditActions(admin, alertId))
				.contains("alert.pending", "alert.fire", "alert.renotify", "alert.resolve"));
			// the next breach is a new alert
			sample(conn, t0.plusSeconds(810), "longest_query", 100);
			assertThat(items(admin, "connection=" + conn + "&state=PENDING").getFirst().get("id").asString())
				.isNotEqualTo(alertId);
		}
	}

	@Test
	void instancesEvaluatingTheSameSampleAtOnceOpenAndNotifyOneAlert() throws Exception {
		TestApi admin = TestApi.admin(port);
		String conn = tinySqliteConnectionIn(admin, Files.createDirectories(dataDir.resolve("sqlite")), "racing", true);
		try (Hook hook = new Hook()) {
			String ch = channel(admin, hook);
			assertThat(admin.post("/api/alert-rules",
					rule(TestUsers.uniqueName("idle"), "sessions_idle", 10, 1, 0, 0, conn, ch).toString()).status())
				.isEqualTo(201);
			Instant at = Instant.now();
			java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
			List<Thread> threads = new java.util.ArrayList<>();
			for (int i = 0; i < 4; i++) {
				threads.add(Thread.startVirtualThread(() -> {
					try {
						go.await();
					}
					catch (InterruptedException e) {
						Thread.currentThread().interrupt();
					}
					sample(conn, at, "sessions_idle", 50);
				}));
			}
			go.countDown();
			for (Thread t : threads) {
				t.join(30_000);
			}
			assertThat(items(admin, "connection=" + conn)).hasSize(1);
			hook.next();
			assertThat(hook.received.poll(3, TimeUnit.SECONDS)).as("one notice only").isNull();
		}
	}

	@Test
	void acknowledgeAndSilenceStopTheRepeatsAndOnlyOperatorsMayUseThem() throws Exception {
		TestApi admin = TestApi.admin(port);
		TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
		TestApi operator = TestUsers.create(port, "OPERATOR").login(port);
		String conn = tinySqliteConnectionIn(admin, Files.createDirectories(dataDir.resolve("sqlite")), "acking", true);
		try (Hook hook = new Hook()) {
			String ch = channel(admin, hook);
			String ruleName = TestUsers.uniqueName("waiting");
			assertThat(admin.post("/api/alert-rules", rule(ruleName, "sessions_waiting", 5, 1, 0, 1, conn, ch).toString())
				.status()).isEqualTo(201);
			Instant t0 = Instant.now();
			sample(conn, t0, "sessions_waiting", 9);
			hook.next();
			String id = items(admin, "connection=" + conn + "&state=FIRING").getFirst().get("id").asString();

			assertThat(viewer.post("/api/alerts/" + id + "/ack", "{\"comment\":\"mine\"}").status()).isEqualTo(403);
			assertThat(viewer.post("/api/alerts/" + id + "/silence", "{\"minutes\":0}").status()).isEqualTo(403);
			assertThat(viewer.get("/api/alerts/" + id).status()).isEqualTo(200);
			assertThat(operator.post("/api/alerts/" + id + "/silence", "{\"minutes\":0}").status()).isEqualTo(400);
			assertThat(operator.post("/api/alerts/" + UUID.randomUUID() + "/ack", "{}").status()).isEqualTo(404);

			// silenced: the repeat due after a minute is not sent
			TestApi.Response silenced = operator.post("/api/alerts/" + id + "/silence", "{\"minutes\":30}");
			assertThat(silenced.status()).as(silenced.body()).isEqualTo(200);
			assertThat(silenced.json().get("silencedBy").asString()).isNotBlank();
			sample(conn, t0.plusSeconds(90), "sessions_waiting", 9);
			assertThat(hook.received.poll(3, TimeUnit.SECONDS)).as("silenced").isNull();

			TestApi.Response acked = operator.post("/api/alerts/" + id + "/ack", "{\"comment\":\"looking into it\"}");
			assertThat(acked.status()).as(acked.body()).isEqualTo(200);
			assertThat(acked.json().get("ackComment").asString()).isEqualTo("looking into it");
			assertThat(acked.json().get("acknowledgedAt").isNull()).isFalse();
			// after the silence: acknowledged, so still no repeat
			sample(conn, t0.plusSeconds(3600), "sessions_waiting", 9);
			assertThat(hook.received.poll(3, TimeUnit.SECONDS)).as("acknowledged").isNull();
			// resolving is told even when acknowledged
			sample(conn, t0.plusSeconds(3630), "sessions_waiting", 0);
			assertThat(hook.next().get("summary").asString()).startsWith("Resolved");
			assertThat(operator.post("/api/alerts/" + id + "/ack", "{}").status()).isEqualTo(409);

			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(auditActions(admin, id))
				.contains("alert.fire", "alert.silence", "alert.ack", "alert.resolve"));
		}
	}

	@Test
	void aConnectionToAClosedPortFiresTargetDown() throws Exception {
		TestApi admin = TestApi.admin(port);
		int closed;
		try (ServerSocket s = new ServerSocket(0)) {
			closed = s.getLocalPort();
		}
		TestApi.Response created = admin.post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", "unreachable " + UUID.randomUUID()).put("engine", "POSTGRESQL").put("host", "127.0.0.1")
			.put("port", closed).put("database", "postgres").put("username", "postgres").toString());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String conn = created.json().get("id").asString();
		assertThat(admin.put("/api/connections/" + conn + "/monitoring", "{\"enabled\":true,\"intervalSeconds\":5}")
			.status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
			.until(() -> items(admin, "connection=" + conn + "&state=FIRING").stream()
				.anyMatch(a -> a.get("ruleName").asString().equals("Target down")
						&& a.get("level").asString().equals("CRITICAL")));
		assertThat(MonitoringApiIntegrationTests.entry(admin, conn).get("openAlerts").asInt()).isGreaterThanOrEqualTo(1);
		assertThat(admin.put("/api/connections/" + conn + "/monitoring", "{\"enabled\":false}").status()).isEqualTo(200);
	}

	@Test
	void rulesAreAdminOnlyToChangeAndThePreviewReplaysStoredSamples() throws Exception {
		TestApi admin = TestApi.admin(port);
		TestApi viewer = TestUsers.create(port, "VIEWER").login(port);
		TestApi operator = TestUsers.create(port, "OPERATOR").login(port);
		String conn = tinySqliteConnectionIn(admin, Files.createDirectories(dataDir.resolve("sqlite")), "preview", true);

		JsonNode rules = viewer.get("/api/alert-rules").json();
		assertThat(StreamSupport.stream(rules.spliterator(), false).map(r -> r.get("name").asString()))
			.contains("Target down", "Connection usage above 80 %", "Response time above 2,000 ms", "Backup failed",
					"Test restore failed");
		String body = TestApi.JSON.createObjectNode().put("name", TestUsers.uniqueName("r")).put("metric", "latency")
			.put("comparison", "ABOVE").put("threshold", 500).put("forSeconds", 60).put("level", "WARNING")
			.put("scope", "ALL").put("renotifyMinutes", 0).put("enabled", false).toString();
		for (TestApi who : List.of(viewer, operator)) {
			assertThat(who.post("/api/alert-rules", body).status()).isEqualTo(403);
			assertThat(who.post("/api/alert-rules", "{\"metric\":42}").status()).isEqualTo(403);
			assertThat(who.post("/api/alert-rules/preview", "{}").status()).isEqualTo(403);
		}
		assertThat(admin.post("/api/alert-rules", body.replace("latency", "nonsense")).status()).isEqualTo(400);
		assertThat(admin.post("/api/alert-rules", body.replace("\"ALL\"", "\"CONNECTION\"")).status()).isEqualTo(400);
		TestApi.Response created = admin.post("/api/alert-rules", body);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(created.json().get("hysteresis").asDouble()).isEqualTo(25.0);
		assertThat(admin.post("/api/alert-rules", body).status()).as("name taken").isEqualTo(409);
		assertThat(viewer.put("/api/alert-rules/" + id, body).status()).isEqualTo(403);
		assertThat(viewer.delete("/api/alert-rules/" + id).status()).isEqualTo(403);
		TestApi.Response updated = admin.put("/api/alert-rules/" + id, body.replace("500", "700"));
		assertThat(updated.json().get("threshold").asDouble()).isEqualTo(700.0);
		String builtIn = StreamSupport.stream(rules.spliterator(), false)
			.filter(r -> r.get("name").asString().equals("Target down")).findFirst().orElseThrow().get("id").asString();
		assertThat(admin.delete("/api/alert-rules/" + builtIn).status()).isEqualTo(409);

		// 24 h of latency every minute: three stretches of 5 minutes above 500 ms, one 1-minute blip
		Instant start = Instant.now().minus(Duration.ofHours(23)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
		List<SampleStore.Point> points = new java.util.ArrayList<>();
		for (int m = 0; m < 600; m++) {
			boolean high = (m >= 100 && m < 105) || (m >= 300 && m < 305) || (m >= 500 && m < 505) || m == 400;
			points.add(new SampleStore.Point(UUID.fromString(conn), "latency", start.plusSeconds(60L * m),
					high ? 900 : 20));
		}
		samples.write(points);
		ObjectNode preview = TestApi.JSON.createObjectNode().put("connectionId", conn);
		preview.set("rule", TestApi.JSON.readTree(body));
		TestApi.Response replay = admin.post("/api/alert-rules/preview", preview.toString());
		assertThat(replay.status()).as(replay.body()).isEqualTo(200);
		assertThat(replay.json().get("fires").asInt()).isEqualTo(3);
		assertThat(replay.json().get("connections").get(0).get("samples").asInt()).isEqualTo(600);

		assertThat(admin.delete("/api/alert-rules/" + id).status()).isEqualTo(204);
		assertThat(admin.get("/api/alert-rules/" + id).status()).isEqualTo(404);
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(StreamSupport
			.stream(admin.get("/api/audit?targetId=" + id).json().get("items").spliterator(), false)
			.map(e -> e.get("action").asString())).contains("alert.rule.create", "alert.rule.update",
					"alert.rule.delete"));
	}
}
