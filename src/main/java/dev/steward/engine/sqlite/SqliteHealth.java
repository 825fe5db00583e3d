package dev.steward.engine.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.HealthMetric;
import dev.steward.engine.HealthSample;
import dev.steward.engine.HealthSampling;
import dev.steward.engine.TargetPool;
import dev.steward.engine.support.CatalogJdbc;
import dev.steward.engine.support.JdbcHealth;

/** SQLite health: the file and its WAL on disk, page count and free pages from the pragmas. */
@Component
class SqliteHealth implements HealthSampling {

	@Override
	public EngineKind engine() {
		return EngineKind.SQLITE;
	}

	@Override
	public HealthSample sample(TargetPool pool, ConnectionSpec spec, Duration timeout) {
		return JdbcHealth.sample(pool, timeout, "SELECT 1", List.of(SqliteHealth::pages,
				(c, t, v) -> files(spec, v)));
	}

	private static void pages(Connection c, Duration timeout, Map<HealthMetric, Double> v) throws SQLException {
		try (PreparedStatement ps = CatalogJdbc.prepare(c, timeout,
				"SELECT (SELECT page_count FROM pragma_page_count()) AS pages, "
						+ "(SELECT freelist_count FROM pragma_freelist_count()) AS free");
				ResultSet rs = ps.executeQuery()) {
			if (rs.next()) {
				JdbcHealth.put(v, HealthMetric.PAGE_COUNT, rs, "pages");
				JdbcHealth.put(v, HealthMetric.FREELIST_COUNT, rs, "free");
			}
		}
	}

	private static void files(ConnectionSpec spec, Map<HealthMetric, Double> v) throws SQLException {
		if (spec.filePath() == null) {
			return;
		}
		try {
			Path file = Path.of(spec.filePath());
			double size = Files.size(file);
			Path wal = file.resolveSibling(file.getFileName() + "-wal");
			v.put(HealthMetric.FILE_SIZE, size);
			v.put(HealthMetric.DATABASE_SIZE, size);
			v.put(HealthMetric.WAL_SIZE, Files.exists(wal) ? (double) Files.size(wal) : 0.0);
		}
		catch (IOException e) {
			throw new SQLException("Could not read the database file's size: " + e.getMessage(), e);
		}
	}
}
