package dev.steward.engine.mysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.PerformanceModel.Advice;
import dev.steward.engine.PerformanceModel.AdviceFinding;
import dev.steward.engine.PerformanceModel.FindingKind;
import dev.steward.engine.PerformanceModel.FindingSeverity;
import dev.steward.engine.PerformanceModel.SkippedCheck;
import dev.steward.engine.support.CatalogJdbc;
import dev.steward.engine.support.IndexAdvice;
import dev.steward.engine.support.IndexAdvice.ForeignKeyFacts;
import dev.steward.engine.support.IndexAdvice.IndexFacts;

/**
 * MySQL/MariaDB advice from {@code information_schema} (indexes, foreign keys, AUTO_INCREMENT headroom) and, when
 * performance_schema is on, {@code sys.schema_unused_indexes}. Scoped to the connection's database when it names
 * one, otherwise to every user database; each read bounded to {@link #MAX_ROWS} rows.
 */
final class MysqlAdvice {

	static final int MAX_ROWS = 20_000;

	private static final String SCOPE = "%1$s NOT IN ('mysql', 'sys', 'information_schema', 'performance_schema') "
			+ "AND (? IS NULL OR %1$s = ?)";

	private static final String INDEXES = """
			SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, COLUMN_NAME, SUB_PART, NON_UNIQUE, INDEX_TYPE
			FROM information_schema.STATISTICS
			WHERE %s
			ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX LIMIT %d""".formatted(
			SCOPE.formatted("TABLE_SCHEMA"), MAX_ROWS);

	private static final String FOREIGN_KEYS = """
			SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA,
			  REFERENCED_TABLE_NAME
			FROM information_schema.KEY_COLUMN_USAGE
			WHERE REFERENCED_TABLE_NAME IS NOT NULL AND %s
			ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION LIMIT %d""".formatted(
			SCOPE.formatted("TABLE_SCHEMA"), MAX_ROWS);

	private static final String UNUSED = """
			SELECT object_schema, object_name, index_name FROM sys.schema_unused_indexes
			WHERE %s LIMIT %d""".formatted(SCOPE.formatted("object_schema"), MAX_ROWS);

	private static final String AUTO_INCREMENTS = """
			SELECT t.TABLE_SCHEMA, t.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE, t.AUTO_INCREMENT
			FROM information_schema.TABLES t JOIN information_schema.COLUMNS c
			  ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND c.EXTRA LIKE '%%auto_increment%%'
			WHERE t.AUTO_INCREMENT IS NOT NULL AND %s LIMIT %d""".formatted(SCOPE.formatted("t.TABLE_SCHEMA"),
			MAX_ROWS);

	private static final IndexAdvice.Ddl DDL = new IndexAdvice.Ddl() {

		@Override
		public String dropIndex(IndexFacts index) {
			return "ALTER TABLE " + q(index.schema()) + "." + q(index.table()) + " DROP INDEX " + q(index.name()) + ";";
		}

		@Override
		public String createIndex(String schema, String table, List<String> columns) {
			return "ALTER TABLE " + q(schema) + "." + q(table) + " ADD INDEX ("
					+ String.join(", ", columns.stream().map(MysqlAdvice::q).toList()) + ");";
		}
	};

	private MysqlAdvice() {
	}

	static String q(String identifier) {
		return MysqlBackupSupport.quote(identifier);
	}

	static Advice read(Connection c, @Nullable String database, int limit, Duration timeout) throws SQLException {
		List<SkippedCheck> skipped = new ArrayList<>();
		Set<String> unused = unusedIndexes(c, database, timeout, skipped);
		List<IndexFacts> indexes = indexes(c, database, timeout, unused);
		List<ForeignKeyFacts> foreignKeys = foreignKeys(c, database, timeout);
		List<AdviceFinding> findings = new ArrayList<>(IndexAdvice.analyse(indexes, foreignKeys, DDL, unused != null));
		CatalogJdbc.query(c, timeout, AUTO_INCREMENTS, rs -> {
			autoIncrement(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getLong(6), findings);
			return 0;
		}, database, database);
		List<AdviceFinding> sorted = findings.stream()
			.sorted(Comparator.comparing(AdviceFinding::severity).reversed().thenComparing(AdviceFinding::kind)
				.thenComparing(AdviceFinding::object))
			.toList();
		boolean truncated = sorted.size() > limit;
		return new Advice(truncated ? sorted.subList(0, limit) : sorted, skipped, truncated, null);
	}

	/** {@code schema.table.index} of every index never used since the server started; null when unknown. */
	private static @Nullable Set<String> unusedIndexes(Connection c, @Nullable String database, Duration timeout,
			List<SkippedCheck> skipped) throws SQLException {
		// without performance_schema the sys view sees no reads at all and would call every index unused
		if (!MysqlPerformance.performanceSchemaOn(c, timeout)) {
			skipped.add(new SkippedCheck(FindingKind.UNUSED_INDEX,
					"performance_schema is off, so index use is not counted. " + MysqlPerformance.ENABLE_HINT));
			return null;
		}
		try {
			return new HashSet<>(CatalogJdbc.query(c, timeout, UNUSED,
					rs -> rs.getString(1) + "." + rs.getString(2) + "." + rs.getString(3), database, database));
		}
		catch (SQLException e) {
			skipped.add(new SkippedCheck(FindingKind.UNUSED_INDEX,
					"sys.schema_unused_indexes cannot be read: " + e.getMessage()));
			return null;
		}
	}

	private static List<IndexFacts> indexes(Connection c, @Nullable String database, Duration timeout,
			@Nullable Set<String> unused) throws SQLException {
		record Part(String schema, String table, String index, @Nullable String column, @Nullable Long subPart,
				boolean unique, String type) {
		}
		List<Part> parts = CatalogJdbc.query(c, timeout, INDEXES,
				rs -> new Part(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						CatalogJdbc.getLong(rs, "SUB_PART"), rs.getInt("NON_UNIQUE") == 0, rs.getString(7)),
				database, database);
		Map<String, List<Part>> byIndex = new LinkedHashMap<>();
		parts.forEach(p -> byIndex.computeIfAbsent(p.schema() + "." + p.table() + "." + p.index(), k -> new ArrayList<>())
			.add(p));
		List<IndexFacts> out = new ArrayList<>();
		byIndex.forEach((key, ps) -> {
			Part first = ps.get(0);
			List<String> columns = ps.stream().map(p -> p.column() == null ? "(expression)" : p.column()).toList();
			String shape = String.join(" ", ps.stream().map(p -> p.subPart() == null ? "-" : p.subPart().toString())
				.toList());
			String method = "BTREE".equalsIgnoreCase(first.type()) ? "btree" : first.type().toLowerCase(java.util.Locale.ROOT);
			boolean primary = "PRIMARY".equals(first.index());
			Long scans = unused == null ? null : unused.contains(key) ? 0L : null;
			out.add(new IndexFacts(first.schema(), first.table(), first.index(), columns, method, null, shape,
					first.unique(), primary, null, scans));
		});
		return out;
	}

	private static List<ForeignKeyFacts> foreignKeys(Connection c, @Nullable String database, Duration timeout)
			throws SQLException {
		record Part(String schema, String table, String name, String column, String referenced) {
		}
		List<Part> parts = CatalogJdbc.query(c, timeout, FOREIGN_KEYS,
				rs -> new Part(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5) + "." + rs.getString(6)),
				database, database);
		Map<String, List<Part>> byKey = new LinkedHashMap<>();
		parts.forEach(p -> byKey.computeIfAbsent(p.schema() + "." + p.table() + "." + p.name(), k -> new ArrayList<>())
			.add(p));
		return byKey.values().stream().map(ps -> new ForeignKeyFacts(ps.get(0).schema(), ps.get(0).table(),
				ps.get(0).name(), ps.stream().map(Part::column).toList(), ps.get(0).referenced())).toList();
	}

	private static void autoIncrement(String schema, String table, String column, String dataType, String columnType,
			long next, List<AdviceFinding> out) {
		boolean unsigned = columnType.toLowerCase(java.util.Locale.ROOT).contains("unsigned");
		double max = switch (dataType.toLowerCase(java.util.Locale.ROOT)) {
			case "tinyint" -> unsigned ? 255 : 127;
			case "smallint" -> unsigned ? 65_535 : 32_767;
			case "mediumint" -> unsigned ? 16_777_215 : 8_388_607;
			case "int", "integer" -> unsigned ? 4_294_967_295.0 : 2_147_483_647;
			case "bigint" -> unsigned ? 18_446_744_073_709_551_615.0 : 9_223_372_036_854_775_807.0;
			default -> 0;
		};
		double used = max <= 0 ? 0 : next / max;
		if (used < 0.75) {
			return;
		}
		boolean widen = !"bigint".equalsIgnoreCase(dataType);
		Map<String, String> evidence = new LinkedHashMap<>();
		evidence.put("column", column + " " + columnType);
		evidence.put("next value", String.valueOf(next));
		evidence.put("max value", String.format(java.util.Locale.ROOT, "%.0f", max));
		out.add(new AdviceFinding(FindingKind.SEQUENCE_NEAR_EXHAUSTION, used >= 0.9 ? FindingSeverity.CRITICAL : FindingSeverity.WARNING,
				schema, schema + "." + table, "AUTO_INCREMENT of " + schema + "." + table + "." + column + " has used "
						+ Math.round(used * 100) + " % of its type's range",
				evidence, widen ? "ALTER TABLE " + q(schema) + "." + q(table) + " MODIFY " + q(column) + " BIGINT"
						+ (unsigned ? " UNSIGNED" : "") + " NOT NULL AUTO_INCREMENT;" : null));
	}
}
