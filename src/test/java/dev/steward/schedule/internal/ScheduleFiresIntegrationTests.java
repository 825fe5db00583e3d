package dev.steward.schedule.internal;

import static dev.steward.schedule.ScheduleTesting.create;
import static dev.steward.schedule.ScheduleTesting.cronSchedule;
import static dev.steward.schedule.ScheduleTesting.runs;
import static dev.steward.schedule.ScheduleTesting.tinySqliteConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.steward.test.IntegrationTest;
import dev.steward.test.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * Fires as Quartz delivers them: a fire missed while Steward was down arrives once, late, on start-up ("fire once
 * now") and is recorded for the fire time it stands for with how late it is; fires of one time racing on several
 * threads (or instances) make exactly one run.
 */
@IntegrationTest
class ScheduleFiresIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${steward.data-dir}")
	Path dataDir;

	@Autowired
	ScheduledRuns scheduledRuns;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aMissedFireRunsOnceLateAndSaysHowLate() throws Exception {
		TestApi api = TestApi.admin(port);
		String connection = tinySqliteConnection(api, dataDir, "misfire");
		UUID id = UUID.fromString(create(api, cronSchedule("hourly", connection, "0 0 * * * ?", "UTC")).get("id").asString());
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		if (now.atOffset(ZoneOffset.UTC).getMinute() == 0) {
			now = now.plusSeconds(61);
		}
		Instant lastHour = now.truncatedTo(ChronoUnit.HOURS);
		// Steward was down for the last three hourly fires (the timing began half an hour before the first)
		jdbc.sql("UPDATE schedules SET timing_since = :since WHERE id = :id")
			.param("since", OffsetDateTime.ofInstant(lastHour.minus(Duration.ofMinutes(150)), ZoneOffset.UTC))
			.param("id", id)
			.update();

		// Quartz's "fire once now" hands over a fire time that is not the cron's
		scheduledRuns.fire(id, now, now.plusMillis(40));

		List<JsonNode> runs = runs(api, id.toString());
		assertThat(runs).hasSize(1);
		JsonNode run = runs.get(0);
		assertThat(OffsetDateTime.parse(run.get("scheduledFor").asString()).toInstant()).isEqualTo(lastHour);
		assertThat(run.get("missedFires").asInt()).isEqualTo(3);
		assertThat(run.get("lateMillis").asLong()).isEqualTo(Duration.between(lastHour, now).toMillis() + 40);
		assertThat(run.get("manual").asBoolean()).isFalse();
		await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/audit?action=schedule.missed&targetId=" + id)
			.json().get("totalElements").asLong() == 1);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> "SUCCEEDED".equals(runs(api, id.toString()).get(0).get("status").asString()));

		// the same late fire delivered again (another instance) does not run again
		scheduledRuns.fire(id, now, now.plusMillis(90));
		assertThat(runs(api, id.toString())).hasSize(1);
	}

	@Test
	void runsLeftRunningByAStoppedInstanceAreEndedOnTheNextFire() throws Exception {
		TestApi api = TestApi.admin(port);
		String connection = tinySqliteConnection(api, dataDir, "stale");
		UUID id = UUID.fromString(create(api, cronSchedule("stale", connection, "0 3 * * *", "UTC")).get("id").asString());
		api.post("/api/schedules/" + id + "/run", null);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> "SUCCEEDED".equals(runs(api, id.toString()).get(0).get("status").asString()));
		UUID backup = UUID.fromString(runs(api, id.toString()).get(0).get("backups").get(0).get("backupId").asString());
		OffsetDateTime longAgo = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30);
		// one claimed but never started, one whose backup completed without its end being counted
		UUID claimedOnly = UUID.randomUUID();
		UUID endLost = UUID.randomUUID();
		for (UUID run : List.of(claimedOnly, endLost)) {
			jdbc.sql("""
					INSERT INTO schedule_runs (id, schedule_id, scheduled_for, started_at, status, manual, late_millis,
					  missed_fires, instance_id)
					VALUES (:id, :sid, :at, :at, 'RUNNING', FALSE, 0, 1, 'gone')""")
				.param("id", run)
				.param("sid", id)
				.param("at", run.equals(claimedOnly) ? longAgo : longAgo.plusSeconds(1))
				.update();
		}
		jdbc.sql("UPDATE schedule_run_backups SET run_id = :run, status = 'IN_PROGRESS' WHERE backup_id = :b")
			.param("run", endLost)
			.param("b", backup)
			.update();

		scheduledRuns.sweep(id);

		List<JsonNode> all = runs(api, id.toString());
		JsonNode neverStarted = all.stream().filter(r -> r.get("id").asString().equals(claimedOnly.toString())).findFirst()
			.orElseThrow();
		assertThat(neverStarted.get("status").asString()).isEqualTo("FAILED");
		assertThat(neverStarted.get("error").asString()).contains("no backup was started");
		JsonNode lost = all.stream().filter(r -> r.get("id").asString().equals(endLost.toString())).findFirst().orElseThrow();
		assertThat(lost.get("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(lost.get("backups").get(0).get("status").asString()).isEqualTo("COMPLETED");
	}

	@Test
	void oneFireRacingOnManyThreadsRunsOnce() throws Exception {
		TestApi api = TestApi.admin(port);
		String connection = tinySqliteConnection(api, dataDir, "race");
		UUID id = UUID.fromString(create(api, cronSchedule("race", connection, "*/10 * * * * ?", "UTC")).get("id").asString());
		jdbc.sql("UPDATE schedules SET enabled = FALSE WHERE id = :id").param("id", id).update();
		jdbc.sql("UPDATE schedules SET enabled = TRUE WHERE id = :id").param("id", id).update();
		Instant fire = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(5));
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> all = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				all.add(pool.submit(() -> {
					go.await();
					scheduledRuns.fire(id, fire, Instant.now());
					return null;
				}));
			}
			go.countDown();
			for (Future<?> f : all) {
				f.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		long made = jdbc.sql("SELECT COUNT(*) FROM schedule_runs WHERE schedule_id = :id AND scheduled_for = :at")
			.param("id", id)
			.param("at", OffsetDateTime.ofInstant(fire, ZoneOffset.UTC))
			.query(Long.class)
			.single();
		assertThat(made).isEqualTo(1);
		long backups = jdbc.sql("""
				SELECT COUNT(*) FROM schedule_run_backups b JOIN schedule_runs r ON r.id = b.run_id
				WHERE r.schedule_id = :id AND r.scheduled_for = :at""")
			.param("id", id)
			.param("at", OffsetDateTime.ofInstant(fire, ZoneOffset.UTC))
			.query(Long.class)
			.single();
		assertThat(backups).as("one backup for the one run").isEqualTo(1);
		// it fires every ten seconds: not for the rest of the suite
		assertThat(api.delete("/api/schedules/" + id).status()).isEqualTo(204);
	}
}
