package dev.steward.engine.sqlite;

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
 * SQLite {@code VACUUM} and {@code PRAGMA integrity_check} (the whole file) and {@code ANALYZE} (per table). SQLite
 * reports no progress: tables done of total.
 */
@Component
class SqliteMaintenance implements MaintenanceCapability {

	private static final String TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

	/** integrity_check lists at most this many problems. */
	private static final int MAX_PROBLEMS = 100;

	@Override
	public EngineKind engine() {
		return EngineKind.SQLITE;
	}

	@Override
	public List<Offer> operations() {
		return List.of(new Offer(MaintenanceOperation.VACUUM, false), new Offer(MaintenanceOperation.ANALYZE, true),
				new Offer(MaintenanceOperation.INTEGRITY_CHECK, false));
	}

	@Override
	public List<Table> tables(TargetPool pool, ConnectionSpec spec, List<Table> requested, Duration timeout, int limit) {
		return CatalogJdbc.withConnection(pool, c -> {
			if (requested.isEmpty()) {
				return CatalogJdbc.query(c, timeout, TABLES + " ORDER BY 1 LIMIT ?", rs -> new Table(null, rs.getString(1)),
						limit);
			}
			List<Table> out = new ArrayList<>();
			for (Table t : requested) {
				if (t.schema() != null && !t.schema().equals("main")) {
					throw new TableUnknown(t.display());
				}
				out.add(CatalogJdbc.queryOne(c, timeout, TABLES + " AND name = ?", rs -> new Table(null, rs.getString(1)),
						t.name()).orElseThrow(() -> new TableUnknown(t.display())));
			}
			return out;
		});
	}

	@Override
	public List<String> run(TargetPool pool, ConnectionSpec spec, MaintenanceOperation operation, @Nullable Table table,
			Control control) throws SQLException {
		String sql = switch (operation) {
			case VACUUM -> "VACUUM";
			case INTEGRITY_CHECK -> "PRAGMA integrity_check(" + MAX_PROBLEMS + ")";
			case ANALYZE -> table == null ? "ANALYZE" : "ANALYZE " + CatalogJdbc.quoteDouble(table.name());
			default -> throw new CapabilityUnsupported(EngineKind.SQLITE, MaintenanceCapability.class);
		};
		List<List<String>> rows = MaintenanceRuns.execute(pool, sql, null, control, MAX_PROBLEMS);
		if (operation != MaintenanceOperation.INTEGRITY_CHECK) {
			return List.of();
		}
		List<String> problems = rows.stream().map(r -> r.get(0)).filter(m -> !m.equals("ok")).toList();
		return problems;
	}
}
