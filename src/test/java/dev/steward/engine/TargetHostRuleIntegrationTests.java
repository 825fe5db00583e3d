package dev.steward.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.steward.engine.mongo.MongoAdapter;
import dev.steward.engine.mysql.MysqlAdapter;
import dev.steward.engine.mysql.MysqlDump;
import dev.steward.engine.mysql.MysqlRestore;
import dev.steward.engine.postgres.PostgresAdapter;
import dev.steward.engine.postgres.PostgresClientTools;
import dev.steward.engine.postgres.PostgresDump;
import dev.steward.engine.postgres.PostgresRestore;
import dev.steward.engine.support.JdbcTargetPool;
import dev.steward.test.BackupFixtures;

/**
 * The host rule on every connect, against the machine's real PostgreSQL and MariaDB: an allowlist that leaves
 * out 127.0.0.1, and a name (localhost) that resolves to a denied address, are refused by tests, pools, dumps,
 * restores and client tools alike, although the servers are there and the default rule reaches them.
 */
@org.junit.jupiter.api.Tag("target-only") // between Steward and a target: the metadata store plays no part
class TargetHostRuleIntegrationTests {

	static final TargetAccess ALLOW_ONLY_10 = new TargetAccess(EngineProperties.defaults(),
			new TargetHostProperties(List.of("10.0.0.0/8"), null));

	static final TargetAccess DENY_LOOPBACK = new TargetAccess(EngineProperties.defaults(),
			new TargetHostProperties(null, List.of("127.0.0.0/8", "::1")));

	@TempDir
	Path work;

	final PostgresClientTools clients = new PostgresClientTools(List.of());

	@Test
	void anAllowlistWithoutTheLoopbackRefusesTheLocalPostgresqlEverywhere() {
		ConnectionSpec spec = BackupFixtures.postgresSpec("postgres");
		assertThat(new PostgresAdapter().test(spec, Duration.ofSeconds(5)).success()).isTrue();

		PostgresAdapter adapter = new PostgresAdapter(ALLOW_ONLY_10);
		ConnectionTestResult refused = adapter.test(spec, Duration.ofSeconds(5));
		assertThat(refused.success()).isFalse();
		assertThat(refused.category()).isEqualTo(FailureCategory.INVALID_SETTINGS);
		assertThat(refused.message()).contains("allowed-hosts");
		try (TargetPool pool = adapter.openPool(spec, new PoolSettings(2, Duration.ofMillis(500), Duration.ofMinutes(1)))) {
			assertThatThrownBy(() -> {
				try (Connection c = ((JdbcTargetPool) pool).dataSource().getConnection()) {
					c.isValid(1);
				}
			}).hasStackTraceContaining("TargetHostRefused");
		}
		assertThatThrownBy(() -> new PostgresDump(clients, ALLOW_ONLY_10).preflight(spec, DumpOptions.of(DumpKind.FULL, work)))
			.isInstanceOf(TargetHostRefused.class);
		assertThatThrownBy(() -> new PostgresRestore(clients, ALLOW_ONLY_10).databaseExists(spec, "postgres"))
			.isInstanceOf(TargetHostRefused.class);
	}

	@Test
	void aHostNameThatResolvesToADeniedAddressIsRefusedOnConnect() {
		ConnectionSpec pg = withHost(BackupFixtures.postgresSpec("postgres"), "localhost");
		ConnectionSpec maria = withHost(BackupFixtures.mariadbSpec("mysql"), "localhost");
		ConnectionSpec mongo = new ConnectionSpec(EngineKind.MONGODB, "localhost", 27017, "x", null, null, SslMode.DISABLE,
				null, null, false, java.util.Map.of());
		assertThat(new PostgresAdapter(DENY_LOOPBACK).test(pg, Duration.ofSeconds(5)).message()).contains("resolves to");
		assertThat(new MysqlAdapter(DENY_LOOPBACK).test(maria, Duration.ofSeconds(5)).message()).contains("resolves to");
		assertThat(new MongoAdapter(DENY_LOOPBACK).test(mongo, Duration.ofSeconds(5)).message()).contains("resolves to");
		assertThatThrownBy(() -> new MysqlDump(DENY_LOOPBACK).preflight(maria, DumpOptions.of(DumpKind.FULL, work)))
			.isInstanceOf(TargetHostRefused.class);
		assertThatThrownBy(() -> new MysqlRestore(DENY_LOOPBACK).databaseExists(maria, "mysql"))
			.isInstanceOf(TargetHostRefused.class);
	}

	static ConnectionSpec withHost(ConnectionSpec s, String host) {
		return new ConnectionSpec(s.engine(), host, s.port(), s.database(), s.username(), s.password(), s.sslMode(),
				s.caCertificate(), s.filePath(), s.srv(), s.options());
	}
}
