package dev.steward.query.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.SslMode;
import dev.steward.engine.TargetAccess;
import dev.steward.engine.postgres.PostgresAdapter;
import dev.steward.engine.postgres.PostgresQuery;
import dev.steward.query.ExecutionStatus;
import dev.steward.query.QueryProperties;
import dev.steward.test.ScratchDatabases;
import dev.steward.test.ScratchDatabases.Scratch;

/** An idle console session is closed after its timeout (here 1 s) and its backend leaves PostgreSQL. */
class ConsoleIdleTimeoutIntegrationTests {

	@Test
	void anIdleSessionIsClosedAndReleasesItsConnection() throws Exception {
		QueryProperties settings = new QueryProperties(Duration.ofSeconds(1), null, null, null, null, null, null, null,
				null, null);
		ConsoleRegistry registry = new ConsoleRegistry(settings);
		try (Scratch db = ScratchDatabases.postgres("sqlidle")) {
			ConnectionSpec spec = new ConnectionSpec(EngineKind.POSTGRESQL, "127.0.0.1", 5432, db.name(),
					ScratchDatabases.PG_USER, ScratchDatabases.PG_PASSWORD, SslMode.DISABLE, null, null, false,
					java.util.Map.of("ApplicationName", "steward-idle-test"));
			PostgresQuery engine = new PostgresQuery(new PostgresAdapter(), TargetAccess.defaults());
			ConsoleEntry entry = registry.session(UUID.randomUUID(), "idle-user", null, UUID.randomUUID(), null, false,
					engine, () -> spec);
			ExecutionRun run = registry.start(entry, "idle", "SELECT 1",
					List.of(new dev.steward.engine.ScriptStatement("SELECT 1", 0)), false, r -> {
					});
			run.await(10_000);
			assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED);
			assertThat(backends(db)).isEqualTo(1);

			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !registry.isOpen(entry.id()));
			Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> backends(db) == 0);
		}
		finally {
			registry.destroy();
		}
	}

	private static long backends(Scratch db) throws Exception {
		try (Connection c = db.connect(); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = "
						+ "'steward-idle-test' AND datname = '" + db.name() + "'")) {
			rs.next();
			return rs.getLong(1);
		}
	}
}
