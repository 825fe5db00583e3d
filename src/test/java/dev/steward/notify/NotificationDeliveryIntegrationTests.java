package dev.steward.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import dev.steward.test.BackupFixtures;
import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Events become deliveries: filtered by subscription, retried with backoff when a channel is down, all logged. */
@IntegrationTest
class NotificationDeliveryIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	private String channel(TestApi api, HookServer hook, boolean failuresOnly, String... topics) {
		ObjectNode n = TestApi.JSON.createObjectNode();
		n.put("name", "delivery " + UUID.randomUUID());
		n.put("type", "WEBHOOK");
		n.put("url", hook.url("/hook"));
		n.put("failuresOnly", failuresOnly);
		var array = n.putArray("topics");
		for (String t : topics) {
			array.add(t);
		}
		TestApi.Response r = api.post("/api/notification-channels", n.toString());
		assertThat(r.status()).as(r.body()).isEqualTo(201);
		return r.json().get("id").asString();
	}

	private JsonNode deliveries(TestApi api, String channelId) {
		return api.get("/api/notifications/deliveries?channelId=" + channelId).json().get("items");
	}

	@Test
	void missedSchedulesAndRetentionDeletionsReachTheirSubscribers() throws Exception {
		TestApi api = TestApi.admin(port);
		try (HookServer hook = new HookServer()) {
			channel(api, hook, false, "SCHEDULE_MISSED", "RETENTION_DELETED");
			UUID schedule = UUID.randomUUID();
			java.time.OffsetDateTime missed = java.time.OffsetDateTime.parse("2026-12-01T02:00:00Z");
			tx.executeWithoutResult(t -> {
				events.publishEvent(new dev.steward.schedule.ScheduleEvents.ScheduleMissed(schedule, "nightly", UUID.randomUUID(),
						UUID.randomUUID(), missed, 3, 7_200_000));
				events.publishEvent(new dev.steward.schedule.ScheduleEvents.RetentionDeleted(schedule, "nightly",
						UUID.randomUUID(), UUID.randomUUID(), "old.dump.zst.enc", "local", "keep last 2"));
			});
			List<JsonNode> got = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				HookServer.Received r = hook.received.poll(20, TimeUnit.SECONDS);
				assertThat(r).as("delivery %d", i + 1).isNotNull();
				got.add(TestApi.JSON.readTree(r.body()));
			}
			assertThat(got).extracting(m -> m.get("topic").asString())
				.containsExactlyInAnyOrder("SCHEDULE_MISSED", "RETENTION_DELETED");
			JsonNode miss = got.stream().filter(m -> m.get("topic").asString().equals("SCHEDULE_MISSED")).findFirst().orElseThrow();
			assertThat(miss.get("subject").asString()).contains("nightly");
			assertThat(miss.get("summary").asString()).contains("3 fires").contains("7200 s late");
			assertThat(miss.get("link").asString()).contains("/schedules?schedule=" + schedule);
			JsonNode deleted = got.stream().filter(m -> m.get("topic").asString().equals("RETENTION_DELETED")).findFirst().orElseThrow();
			assertThat(deleted.get("summary").asString()).contains("old.dump.zst.enc").contains("keep last 2");
		}
	}

	@Test
	void aBackupNotifiesSubscribedChannelsOnlyAndSaysWhatWhereWhenAndWhereToLook() throws Exception {
		TestApi api = TestApi.admin(port);
		try (HookServer all = new HookServer(); HookServer failuresOnly = new HookServer()) {
			String allId = channel(api, all, false, "BACKUP_SUCCEEDED", "BACKUP_FAILED");
			String failuresId = channel(api, failuresOnly, true, "BACKUP_SUCCEEDED", "BACKUP_FAILED");
			String connection = sqliteConnection(api, "notified");
			String backup = api.post("/api/backups", "{\"connectionId\":\"" + connection + "\"}").json().get("id").asString();
			Awaitility.await().atMost(Duration.ofSeconds(60)).until(
					() -> "COMPLETED".equals(api.get("/api/backups/" + backup).json().get("status").asString()));

			HookServer.Received got = all.received.poll(20, TimeUnit.SECONDS);
			assertThat(got).as("the subscribed channel hears of the backup").isNotNull();
			JsonNode m = TestApi.JSON.readTree(got.body());
			assertThat(m.get("topic").asString()).isEqualTo("BACKUP_SUCCEEDED");
			assertThat(m.get("subject").asString()).contains("notified").contains("SQLITE");
			assertThat(m.get("summary").asString()).contains("completed");
			assertThat(m.get("link").asString()).startsWith("http").contains("/backups?connection=" + connection)
				.contains(backup);
			assertThat(Instant.parse(m.get("occurredAt").asString())).isBefore(Instant.now().plusSeconds(1));
			Awaitility.await().atMost(Duration.ofSeconds(10))
				.until(() -> "DELIVERED".equals(deliveries(api, allId).path(0).path("status").asString()));
			assertThat(deliveries(api, failuresId)).as("failures only: a success is not sent").isEmpty();
			assertThat(failuresOnly.received).isEmpty();
		}
	}

	@Test
	void aChannelThatIsDownIsRetriedWithGrowingWaitsAndEveryAttemptIsLogged() throws Exception {
		TestApi api = TestApi.admin(port);
		try (HookServer hook = new HookServer()) {
			hook.failNext(503, 503);
			String id = channel(api, hook, false, "BACKUP_FAILED");
			tx.executeWithoutResult(t -> events.publishEvent(new Notification(NotificationTopic.BACKUP_FAILED,
					"connection 'retry-test'", "The backup failed.", "disk full", "/backups", Instant.now())));

			Awaitility.await().atMost(Duration.ofSeconds(30))
				.until(() -> "DELIVERED".equals(deliveries(api, id).path(0).path("status").asString()));
			JsonNode delivery = deliveries(api, id).get(0);
			assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
			JsonNode log = delivery.get("attemptLog");
			assertThat(log).hasSize(3);
			assertThat(log.get(0).get("ok").asBoolean()).isFalse();
			assertThat(log.get(0).get("error").asString()).contains("HTTP 503").contains("down for maintenance");
			assertThat(log.get(1).get("ok").asBoolean()).isFalse();
			assertThat(log.get(2).get("ok").asBoolean()).isTrue();
			// configured for tests: 1 s, then 2 s (doubling); the sweep runs every 0.5 s
			List<Long> gaps = new ArrayList<>();
			for (int i = 1; i < hook.times.size(); i++) {
				gaps.add(TimeUnit.NANOSECONDS.toMillis(hook.times.get(i) - hook.times.get(i - 1)));
			}
			assertThat(gaps).hasSize(2);
			assertThat(gaps.get(0)).isGreaterThanOrEqualTo(900);
			assertThat(gaps.get(1)).isGreaterThanOrEqualTo(1900);
			JsonNode body = TestApi.JSON.readTree(hook.received.poll(1, TimeUnit.SECONDS).body());
			assertThat(body.get("details").asString()).isEqualTo("disk full");
		}
	}

	/** Each attempt on a channel that never answers takes its timeout; the other channels must not wait for it. */
	@Test
	void aSilentChannelDoesNotHoldBackTheOthers() throws Exception {
		TestApi api = TestApi.admin(port);
		List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
		try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
				HookServer hook = new HookServer()) {
			Thread.ofVirtual().start(() -> {
				while (!silent.isClosed()) {
					try {
						held.add(silent.accept()); // accepted, never answered
					}
					catch (java.io.IOException e) {
						return;
					}
				}
			});
			ObjectNode n = TestApi.JSON.createObjectNode().put("name", "silent " + UUID.randomUUID()).put("type", "WEBHOOK")
				.put("url", "http://127.0.0.1:" + silent.getLocalPort() + "/hook").put("failuresOnly", false);
			n.putArray("topics").add("BACKUP_FAILED");
			String slow = api.post("/api/notification-channels", n.toString()).json().get("id").asString();
			String fast = channel(api, hook, false, "BACKUP_FAILED");
			long start = System.nanoTime();
			for (int i = 0; i < 5; i++) {
				String subject = "connection 'lane-" + i + "'";
				tx.executeWithoutResult(t -> events.publishEvent(new Notification(NotificationTopic.BACKUP_FAILED, subject,
						"The backup failed.", "disk full", "/backups", Instant.now())));
			}
			for (int i = 0; i < 5; i++) {
				assertThat(hook.received.poll(30, TimeUnit.SECONDS)).as("delivery %d to the answering channel", i).isNotNull();
			}
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			// in one queue they waited behind the silent channel's 3 s timeouts, one after the other (about 15 s)
			assertThat(millis).as("all five delivered while the silent channel times out").isLessThan(7_000);
			api.delete("/api/notification-channels/" + slow);
			api.delete("/api/notification-channels/" + fast);
		}
		finally {
			for (java.net.Socket s : held) {
				s.close();
			}
		}
	}

	@Test
	void aDeadChannelNeverHoldsUpOrFailsABackup() throws Exception {
		TestApi api = TestApi.admin(port);
		HookServer hook = new HookServer();
		String url = hook.url("/gone");
		hook.close();
		ObjectNode n = TestApi.JSON.createObjectNode();
		n.put("name", "dead " + UUID.randomUUID());
		n.put("type", "WEBHOOK");
		n.put("url", url);
		n.putArray("topics").add("BACKUP_SUCCEEDED");
		String id = api.post("/api/notification-channels", n.toString()).json().get("id").asString();

		String connection = sqliteConnection(api, "unaffected");
		String backup = api.post("/api/backups", "{\"connectionId\":\"" + connection + "\"}").json().get("id").asString();
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(
				() -> "COMPLETED".equals(api.get("/api/backups/" + backup).json().get("status").asString()));
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(api, id).path(0).path("attempts").asInt() >= 2);
		JsonNode delivery = deliveries(api, id).get(0);
		assertThat(delivery.get("status").asString()).isIn("PENDING", "SENDING");
		assertThat(delivery.get("attemptLog").get(0).get("error").asString()).contains("Could not reach 127.0.0.1")
			.doesNotContain("/gone");
		assertThat(api.get("/api/backups/" + backup).json().get("status").asString()).isEqualTo("COMPLETED");
		api.delete("/api/notification-channels/" + id);
	}

	private String sqliteConnection(TestApi api, String name) throws Exception {
		Path dir = Files.createDirectories(dataDir.resolve("sqlite").resolve("notify-" + UUID.randomUUID()));
		Path db = Files.copy(BackupFixtures.datasets().resolve("chinook/Chinook_Sqlite.sqlite"), dir.resolve("n.sqlite"));
		TestApi.Response created = api.post("/api/connections", TestApi.JSON.createObjectNode()
			.put("name", name + " " + UUID.randomUUID()).put("engine", "SQLITE").put("filePath", db.toString()).toString());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}
}
