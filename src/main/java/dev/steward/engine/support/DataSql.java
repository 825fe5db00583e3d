package dev.steward.engine.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.TableData.Filter;
import dev.steward.engine.TableData.FilterOp;
import dev.steward.engine.TableData.PageRequest;
import dev.steward.engine.TableData.Relation;
import dev.steward.engine.TableData.RowChange;
import dev.steward.engine.TableData.Sort;
import dev.steward.engine.TableData.Statement;

/**
 * Builds the grid's statements for one SQL dialect. Identifiers come only from the {@link Relation} (checked
 * against the catalog by the caller) and are quoted by the dialect; every value becomes a {@code ?} in
 * {@link Statement#params()}. NULLs sort last in both directions ({@code (c IS NULL)} leads the order), so a keyset
 * cursor reads the same on every engine.
 */
public final class DataSql {

	/** What differs between SQL engines. */
	public interface Dialect {

		String quote(String identifier);

		/** The relation's name as SQL: schema-qualified where the engine has schemas. */
		String qualified(Relation relation);

		/** A column read as text, for contains / starts-with. */
		String asText(String quotedColumn);

		/** The case-insensitive LIKE where the engine has one. */
		default String like() {
			return "LIKE";
		}

		/** Row locks for the original-value check; empty where a write transaction already excludes others. */
		default String forUpdate() {
			return " FOR UPDATE";
		}
	}

	private final Dialect dialect;

	public DataSql(Dialect dialect) {
		this.dialect = dialect;
	}

	public Dialect dialect() {
		return dialect;
	}

	/** The page's SELECT (one row more than asked, to know whether more follow). */
	public Statement select(PageRequest request, boolean keyset) {
		Relation r = request.relation();
		List<@Nullable String> params = new ArrayList<>();
		List<String> where = new ArrayList<>();
		for (Filter f : request.filters()) {
			where.add(filter(f, params));
		}
		if (keyset && request.after() != null) {
			where.add(after(request.sort(), r.key(), request.after(), params));
		}
		StringBuilder sql = new StringBuilder("SELECT * FROM ").append(dialect.qualified(r));
		if (!where.isEmpty()) {
			sql.append(" WHERE ").append(String.join(" AND ", where));
		}
		List<String> order = new ArrayList<>();
		Sort sort = request.sort();
		if (sort != null) {
			String c = dialect.quote(sort.column());
			order.add("(" + c + " IS NULL)");
			order.add(c + (sort.descending() ? " DESC" : ""));
		}
		r.key().forEach(k -> order.add(dialect.quote(k)));
		if (!order.isEmpty()) {
			sql.append(" ORDER BY ").append(String.join(", ", order));
		}
		sql.append(" LIMIT ").append(request.limit() + 1);
		if (!keyset && request.offset() > 0) {
			sql.append(" OFFSET ").append(request.offset());
		}
		return new Statement(sql.toString(), params);
	}

	public Statement count(Relation relation, List<Filter> filters) {
		List<@Nullable String> params = new ArrayList<>();
		StringBuilder sql = new StringBuilder("SELECT count(*) FROM ").append(dialect.qualified(relation));
		if (!filters.isEmpty()) {
			sql.append(" WHERE ").append(String.join(" AND ", filters.stream().map(f -> filter(f, params)).toList()));
		}
		return new Statement(sql.toString(), params);
	}

	private String filter(Filter f, List<@Nullable String> params) {
		String c = dialect.quote(f.column());
		FilterOp op = f.op();
		if (op.unary()) {
			return c + (op == FilterOp.IS_NULL ? " IS NULL" : " IS NOT NULL");
		}
		if (op == FilterOp.IN) {
			params.addAll(f.values());
			return c + " IN (" + String.join(", ", f.values().stream().map(v -> "?").toList()) + ")";
		}
		String value = f.values().getFirst();
		return switch (op) {
			case CONTAINS, STARTS_WITH -> {
				String escaped = value == null ? "" : value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
				params.add((op == FilterOp.CONTAINS ? "%" : "") + escaped + "%");
				yield dialect.asText(c) + " " + dialect.like() + " ? ESCAPE '!'";
			}
			default -> {
				params.add(value);
				yield c + " " + switch (op) {
					case EQ -> "=";
					case NE -> "<>";
					case LT -> "<";
					case LE -> "<=";
					case GT -> ">";
					default -> ">=";
				} + " ?";
			}
		};
	}

	/**
	 * Rows after the cursor in the order {@link #select} uses: the sort column (NULLs last) then the key ascending.
	 * {@code after} holds the last row's sort value (when sorted) followed by its key values.
	 */
	private String after(@Nullable Sort sort, List<String> key, List<@Nullable String> after,
			List<@Nullable String> params) {
		int offset = sort == null ? 0 : 1;
		List<@Nullable String> tailParams = new ArrayList<>();
		String keyTail = keyTail(key, after.subList(offset, after.size()), 0, tailParams);
		String c = sort == null ? "" : dialect.quote(sort.column());
		String last = sort == null ? null : after.getFirst();
		String sql;
		if (sort == null) {
			sql = keyTail;
		}
		else if (last == null) {
			sql = "(" + c + " IS NULL AND " + keyTail + ")";
		}
		else {
			// placeholders in text order: the sort comparisons, then the key's
			params.add(last);
			params.add(last);
			sql = "(" + c + (sort.descending() ? " < ?" : " > ?") + " OR " + c + " IS NULL OR (" + c + " = ? AND "
					+ keyTail + "))";
		}
		params.addAll(tailParams);
		return sql;
	}

	/** {@code (k1 > ? OR (k1 = ? AND (k2 > ? …)))}: lexicographically after the key values. */
	private String keyTail(List<String> key, List<@Nullable String> values, int i, List<@Nullable String> params) {
		String k = dialect.quote(key.get(i));
		params.add(values.get(i));
		if (i == key.size() - 1) {
			return k + " > ?";
		}
		params.add(values.get(i));
		return "(" + k + " > ? OR (" + k + " = ? AND " + keyTail(key, values, i + 1, params) + "))";
	}

	/** The key's WHERE: {@code k1 = ? AND k2 = ?}. */
	public String keyWhere(Relation relation, Map<String, @Nullable String> key, List<@Nullable String> params) {
		List<String> parts = new ArrayList<>();
		for (String k : relation.key()) {
			parts.add(dialect.quote(k) + " = ?");
			params.add(key.get(k));
		}
		return String.join(" AND ", parts);
	}

	/** The row a change targets, locked, to compare with the client's original values. */
	public Statement current(Relation relation, RowChange change) {
		List<@Nullable String> params = new ArrayList<>();
		String where = keyWhere(relation, change.key(), params);
		return new Statement("SELECT * FROM " + dialect.qualified(relation) + " WHERE " + where + dialect.forUpdate(),
				params);
	}

	/** The change's own statement. */
	public Statement write(Relation relation, RowChange change) {
		List<@Nullable String> params = new ArrayList<>();
		String table = dialect.qualified(relation);
		return switch (change.kind()) {
			case INSERT -> {
				List<String> columns = new ArrayList<>(change.values().keySet());
				columns.forEach(c -> params.add(change.values().get(c)));
				yield new Statement(columns.isEmpty() ? "INSERT INTO " + table + " DEFAULT VALUES"
						: "INSERT INTO " + table + " (" + String.join(", ", columns.stream().map(dialect::quote).toList())
								+ ") VALUES (" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")",
						params);
			}
			case UPDATE -> {
				List<String> sets = new ArrayList<>();
				change.values().forEach((c, v) -> {
					sets.add(dialect.quote(c) + " = ?");
					params.add(v);
				});
				String where = keyWhere(relation, change.key(), params);
				yield new Statement("UPDATE " + table + " SET " + String.join(", ", sets) + " WHERE " + where, params);
			}
			case DELETE -> {
				String where = keyWhere(relation, change.key(), params);
				yield new Statement("DELETE FROM " + table + " WHERE " + where, params);
			}
		};
	}
}
