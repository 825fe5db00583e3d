package dev.steward.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.steward.StewardApplication;
import dev.steward.schedule.ScheduleTesting;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.TestApi;
import dev.steward.test.TestStore;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two whole Steward instances on one PostgreSQL store with the clustered Quartz: several schedules firing every
 * second make every fire exactly once between them (no second run, no gap), and when one instance stops the other
 * takes over its fires.
 */
// it starts its own instances on its own store: the build's second pass on a PostgreSQL store would only repeat it
@org.junit.jupiter.api.condition.DisabledIfSystemProperty(named = "steward.test.store", matches = "postgres")
class ScheduleClusterIntegrationTests {

	static final int SCHEDULES = 4;

	static final int FIRES = 200;

	@Test
	void twoInstancesFireEachTimeOnceAndOneTakesOverWhenTheOtherStops() throws Exception {
		Path sqlite = Files.createTempDirectory("steward-cluster-sqlite-");
		try (ScratchDatabases.Scratch store = ScratchDatabases.postgres("steward_cluster")) {
			List<String> shared = List.of("--spring.datasource.url=" + store.jdbcUrl(),
					"--spring.datasource.username=" + store.user(), "--spring.datasource.password=" + store.password(),
					"--steward.connection.sqlite-allowed-dirs=" + sqlite);
			ConfigurableApplicationContext first = start(Files.createTempDirectory("steward-ca-"), shared);
			ConfigurableApplicationContext second = null;
			try {
				second = start(Files.createTempDirectory("steward-cb-"), shared);
				TestApi a = TestApi.admin(port(first));
				List<String> ids = new ArrayList<>();
				for (int i = 0; i < SCHEDULES; i++) {
					String connection = ScheduleTesting.tinySqliteConnectionIn(a, sqlite, "cluster" + i);
					ObjectNode body = ScheduleTesting.cronSchedule("cluster " + i, connection, "* * * * * ?", "UTC");
					body.putObject("retention").put("keepLast", 2);
					ids.add(ScheduleTesting.create(a, body).get("id").asString());
				}
				String firstInstance = first.getBean(QuartzTriggers.class).instanceId();
				String secondInstance = second.getBean(QuartzTriggers.class).instanceId();
				await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
					.until(() -> count(store, "SELECT COUNT(*) FROM schedule_runs") >= FIRES / 2);

				// stop the instance that fired most (Quartz does not spread few triggers evenly): the other takes over
				boolean firstBusier = count(store, "SELECT COUNT(*) FROM schedule_runs WHERE instance_id = '" + firstInstance
						+ "'") >= count(store, "SELECT COUNT(*) FROM schedule_runs") / 2;
				ConfigurableApplicationContext stopping = firstBusier ? first : second;
				ConfigurableApplicationContext staying = firstBusier ? second : first;
				String survivor = firstBusier ? secondInstance : firstInstance;
				Instant stopped = Instant.now();
				stopping.close();
				await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
					.until(() -> count(store, "SELECT COUNT(*) FROM schedule_runs") >= FIRES);
				for (String id : ids) {
					staying.getBean(QuartzTriggers.class).remove(UUID.fromString(id));
				}
				Thread.sleep(2_000);

				Map<String, TreeSet<Long>> fires = new HashMap<>();
				Map<String, Integer> rows = new HashMap<>();
				int takenOver = 0;
				try (Connection c = DriverManager.getConnection(store.jdbcUrl(), store.user(), store.password());
						Statement s = c.createStatement();
						ResultSet rs = s.executeQuery("SELECT schedule_id, scheduled_for, instance_id FROM schedule_runs")) {
					while (rs.next()) {
						String schedule = rs.getString(1);
						fires.computeIfAbsent(schedule, k -> new TreeSet<>())
							.add(rs.getObject(2, java.time.OffsetDateTime.class).toInstant().getEpochSecond());
						rows.merge(schedule, 1, Integer::sum);
						if (rs.getString(3).equals(survivor)
								&& rs.getObject(2, java.time.OffsetDateTime.class).toInstant().isAfter(stopped.plusSeconds(1))) {
							takenOver++;
						}
					}
				}
				assertThat(fires.keySet()).containsExactlyInAnyOrderElementsOf(ids);
				for (String id : ids) {
					TreeSet<Long> seconds = fires.get(id);
					assertThat(rows.get(id)).as("one run per fire time").isEqualTo(seconds.size());
					long span = seconds.last() - seconds.first() + 1;
					assertThat(seconds).as("no fire lost between the first and the last").hasSize((int) span);
				}
				assertThat(takenOver).as("the second instance fired after the first stopped").isGreaterThan(SCHEDULES);
				assertThat(firstInstance).isNotEqualTo(secondInstance);
				assertThat(count(store, "SELECT COUNT(*) FROM schedule_run_backups"))
					.as("one backup per run").isEqualTo(count(store, "SELECT COUNT(*) FROM schedule_runs"));
			}
			finally {
				first.close();
				if (second != null) {
					second.close();
				}
			}
		}
	}

	private static long count(ScratchDatabases.Scratch store, String sql) throws Exception {
		try (Connection c = DriverManager.getConnection(store.jdbcUrl(), store.user(), store.password());
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static ConfigurableApplicationContext start(Path dataDir, List<String> extra) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--steward.data-dir=" + dataDir,
				"--steward.admin.password=" + TestStore.ADMIN_PASSWORD, "--steward.jobs.heartbeat=200ms",
				"--steward.jobs.lease-expiry=3s", "--steward.schedule.cluster-checkin=1s",
				"--steward.connection.sample.enabled=false"));
		args.addAll(extra);
		return new SpringApplicationBuilder(StewardApplication.class).run(args.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}
}
