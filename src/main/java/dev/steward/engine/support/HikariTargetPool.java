package dev.steward.engine.support;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.steward.engine.EngineKind;
import dev.steward.engine.PoolSettings;

/**
 * A HikariCP pool to a target; closing it also deletes the CA file written for it. All of them share one
 * housekeeping thread: HikariCP would otherwise start a thread per pool that lives as long as the pool.
 */
public final class HikariTargetPool implements JdbcTargetPool {

	private static final ScheduledThreadPoolExecutor HOUSEKEEPING = housekeeping();

	private final EngineKind engine;

	private final HikariDataSource dataSource;

	private final @Nullable Path caFile;

	private HikariTargetPool(EngineKind engine, HikariDataSource dataSource, @Nullable Path caFile) {
		this.engine = engine;
		this.dataSource = dataSource;
		this.caFile = caFile;
	}

	public static HikariTargetPool open(EngineKind engine, String driverClass, String jdbcUrl, Properties props,
			PoolSettings settings, @Nullable Path caFile) {
		HikariConfig config = new HikariConfig();
		config.setPoolName(settings.name());
		config.setDriverClassName(driverClass);
		config.setJdbcUrl(jdbcUrl);
		config.setDataSourceProperties(props);
		return create(engine, config, settings, caFile);
	}

	public static HikariTargetPool open(EngineKind engine, DataSource source, PoolSettings settings) {
		return open(engine, source, settings, null);
	}

	public static HikariTargetPool open(EngineKind engine, DataSource source, PoolSettings settings,
			@Nullable Path caFile) {
		HikariConfig config = new HikariConfig();
		config.setPoolName(settings.name());
		config.setDataSource(source);
		return create(engine, config, settings, caFile);
	}

	private static HikariTargetPool create(EngineKind engine, HikariConfig config, PoolSettings settings,
			@Nullable Path caFile) {
		config.setMaximumPoolSize(Math.max(1, settings.maxSize()));
		config.setMinimumIdle(0);
		config.setConnectionTimeout(Math.max(250, settings.connectTimeout().toMillis()));
		config.setIdleTimeout(Math.max(10_000, settings.idleTimeout().toMillis()));
		// connect lazily: opening a pool must not fail or block because the target is down right now
		config.setInitializationFailTimeout(-1);
		config.setRegisterMbeans(false);
		config.setScheduledExecutor(HOUSEKEEPING);
		try {
			return new HikariTargetPool(engine, new HikariDataSource(config), caFile);
		}
		catch (RuntimeException e) {
			TempPem.deleteQuietly(caFile);
			throw e;
		}
	}

	@Override
	public DataSource dataSource() {
		return dataSource;
	}

	@Override
	public EngineKind engine() {
		return engine;
	}

	@Override
	public boolean inUse() {
		var pool = dataSource.getHikariPoolMXBean();
		return pool != null && pool.getActiveConnections() > 0;
	}

	@Override
	public void close() {
		try {
			dataSource.close();
		}
		finally {
			TempPem.deleteQuietly(caFile);
		}
	}

	private static ScheduledThreadPoolExecutor housekeeping() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
			Thread thread = new Thread(r, "target-pools housekeeper");
			thread.setDaemon(true);
			return thread;
		});
		// a closed pool cancels its task; drop it at once instead of keeping it queued until it would have run
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}
}
