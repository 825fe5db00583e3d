package dev.steward.engine.postgres;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.steward.engine.CapabilityUnsupported;
import dev.steward.engine.ConnectionSpec;
import dev.steward.engine.EngineKind;
import dev.steward.engine.MaintenanceCapability;
import dev.steward.engine.MaintenanceOperation;
import dev.steward.engine.TargetPool;
import dev.steward.engine.support.CatalogJdbc;
import dev.steward.engine.support.MaintenanceRuns;

/**
 * VACUUM, ANALYZE, VACUUM FULL and REINDEX per table, with progress from {@code pg_stat_progress_vacuum},
 * {@code _analyze}, {@code _cluster} (VACUUM FULL) and {@code _create_index} (REINDEX).
 */
@Component
class PostgresMaintenance implements MaintenanceCapability {

	private static final String TABLES = """
			SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE c.relkind IN ('r', 'm', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
			  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'""";

	@Override
	public EngineKind engine() {
		return EngineKind.POSTGRESQL;
	}

	@Override
	public List<Offer> operations() {
		return List.of(new Offer(MaintenanceOperation.VACUUM, true), new Offer(MaintenanceOperation.VACUUM_ANALYZE, true),
				new Offer(MaintenanceOperation.ANALYZE, true), new Offer(MaintenanceOperation.VACUUM_FULL, true),
				new Offer(MaintenanceOperation.REINDEX, true));
	}

	@Override
	public List<Table> tables(TargetPool pool, ConnectionSpec spec, List<Table> requested, Duration timeout, int limit) {
		return CatalogJdbc.withConnection(pool, c -> {
			if (requested.isEmpty()) {
				return CatalogJdbc.query(c, timeout, TABLES + " ORDER BY 1, 2 LIMIT ?",
						rs -> new Table(rs.getString(1), rs.getString(2)), limit);
			}
			List<Table> out = new ArrayList<>();
			for (Table t : requested) {
				String schema = t.schema() == null ? "public" : t.schema();
				out.add(CatalogJdbc.queryOne(c, timeout, TABLES + " AND n.nspname = ? AND c.relname = ?",
						rs -> new Table(rs.getString(1), rs.getString(2)), schema, t.name())
					.orElseThrow(() -> new TableUnknown(new Table(schema, t.name()).display())));
			}
			return out;
		});
	}

	@Override
	public List<String> run(TargetPool pool, ConnectionSpec spec, MaintenanceOperation operation, @Nullable Table table,
			Control control) throws SQLException {
		if (table == null) {
			throw new IllegalArgumentException("PostgreSQL maintenance runs per table");
		}
		String name = CatalogJdbc.quoteDouble(String.valueOf(table.schema())) + "." + CatalogJdbc.quoteDouble(table.name());
		String sql = switch (operation) {
			case VACUUM -> "VACUUM " + name;
			case VACUUM_ANALYZE -> "VACUUM (ANALYZE) " + name;
			case ANALYZE -> "ANALYZE " + name;
			case VACUUM_FULL -> "VACUUM (FULL) " + name;
			case REINDEX -> "REINDEX TABLE " + name;
			default -> throw new CapabilityUnsupported(EngineKind.POSTGRESQL, MaintenanceCapability.class);
		};
		String view = switch (operation) {
			case VACUUM, VACUUM_ANALYZE -> "SELECT heap_blks_scanned::float8 / nullif(heap_blks_total, 0) "
					+ "FROM pg_stat_progress_vacuum WHERE pid = ?::int";
			case ANALYZE -> "SELECT sample_blks_scanned::float8 / nullif(sample_blks_total, 0) "
					+ "FROM pg_stat_progress_analyze WHERE pid = ?::int";
			case VACUUM_FULL -> "SELECT heap_blks_scanned::float8 / nullif(heap_blks_total, 0) "
					+ "FROM pg_stat_progress_cluster WHERE pid = ?::int";
			default -> "SELECT blocks_done::float8 / nullif(blocks_total, 0) "
					+ "FROM pg_stat_progress_create_index WHERE pid = ?::int";
		};
		MaintenanceRuns.execute(pool, sql, new MaintenanceRuns.Progress("SELECT pg_backend_pid()", view), control, 0);
		return List.of();
	}
}
