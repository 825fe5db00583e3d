package dev.steward.engine.mysql;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 * {@code ANALYZE}, {@code OPTIMIZE} and {@code CHECK TABLE} on tables of the connection's own database; progress
 * from MariaDB's {@code PROCESSLIST.PROGRESS} (MySQL has none: tables done of total only). The statements answer
 * with rows of messages; errors and warnings are returned.
 */
@Component
class MysqlMaintenance implements MaintenanceCapability {

	private static final String TABLES = """
			SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES
			WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'""";

	@Override
	public EngineKind engine() {
		return EngineKind.MYSQL;
	}

	@Override
	public List<Offer> operations() {
		return List.of(new Offer(MaintenanceOperation.ANALYZE, true), new Offer(MaintenanceOperation.OPTIMIZE, true),
				new Offer(MaintenanceOperation.CHECK, true));
	}

	@Override
	public List<Table> tables(TargetPool pool, ConnectionSpec spec, List<Table> requested, Duration timeout, int limit) {
		return CatalogJdbc.withConnection(pool, c -> {
			if (requested.isEmpty()) {
				return CatalogJdbc.query(c, timeout, TABLES + " ORDER BY 2 LIMIT ?",
						rs -> new Table(rs.getString(1), rs.getString(2)), limit);
			}
			List<Table> out = new ArrayList<>();
			for (Table t : requested) {
				// only the connection's own database: another schema is simply not found
				out.add(CatalogJdbc.queryOne(c, timeout,
						TABLES + " AND (? IS NULL OR TABLE_SCHEMA = ?) AND TABLE_NAME = ?",
						rs -> new Table(rs.getString(1), rs.getString(2)), t.schema(), t.schema(), t.name())
					.orElseThrow(() -> new TableUnknown(t.display())));
			}
			return out;
		});
	}

	@Override
	public List<String> run(TargetPool pool, ConnectionSpec spec, MaintenanceOperation operation, @Nullable Table table,
			Control control) throws SQLException {
		if (table == null || table.schema() == null) {
			throw new IllegalArgumentException("MySQL maintenance runs per resolved table");
		}
		String verb = switch (operation) {
			case ANALYZE -> "ANALYZE TABLE ";
			case OPTIMIZE -> "OPTIMIZE TABLE ";
			case CHECK -> "CHECK TABLE ";
			default -> throw new CapabilityUnsupported(EngineKind.MYSQL, MaintenanceCapability.class);
		};
		String sql = verb + CatalogJdbc.quoteBacktick(table.schema()) + "." + CatalogJdbc.quoteBacktick(table.name());
		List<List<String>> rows = MaintenanceRuns.execute(pool, sql, new MaintenanceRuns.Progress(
				"SELECT CONNECTION_ID()", "SELECT PROGRESS / 100 FROM information_schema.PROCESSLIST WHERE ID = ?"),
				control, 100);
		List<String> messages = new ArrayList<>();
		for (List<String> row : rows) {
			// Table, Op, Msg_type, Msg_text
			String type = row.size() > 2 ? row.get(2).toLowerCase(Locale.ROOT) : "";
			if (type.equals("error") || type.equals("warning")) {
				messages.add(row.get(0) + ": " + type + ": " + (row.size() > 3 ? row.get(3) : ""));
			}
		}
		return messages;
	}
}
