package dev.steward.engine.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.steward.engine.CatalogTarget;
import dev.steward.engine.ResultColumn;
import dev.steward.engine.StatementFailed;
import dev.steward.engine.TableData.Cancellation;
import dev.steward.engine.TableData.ChangeKind;
import dev.steward.engine.TableData.ChangeResult;
import dev.steward.engine.TableData.Filter;
import dev.steward.engine.TableData.Page;
import dev.steward.engine.TableData.PageRequest;
import dev.steward.engine.TableData.Paging;
import dev.steward.engine.TableData.Relation;
import dev.steward.engine.TableData.RowChange;
import dev.steward.engine.TableData.RowConflict;
import dev.steward.engine.TableData.RowSource;
import dev.steward.engine.TableData.Statement;
import dev.steward.engine.TableDataCapability;

/**
 * The grid on a JDBC engine: {@link DataSql} builds the statements, this runs them on the catalog's pools and renders
 * values as the console does ({@link ValueRendering}), so a value read here compares equal to the same value read
 * again inside the write transaction.
 */
public abstract class JdbcTableData implements TableDataCapability {

	private final DataSql sql;

	protected JdbcTableData(DataSql.Dialect dialect) {
		this.sql = new DataSql(dialect);
	}

	/** Values whose type the driver decides per value (SQLite) are rendered from the value, not the column. */
	protected boolean dynamicTypes() {
		return false;
	}

	/** Binds one value; engines that need the server to infer the type from the context override it. */
	protected void bind(PreparedStatement ps, int index, @Nullable String value) throws SQLException {
		ps.setString(index, value);
	}

	/** The column an engine's error names (a NOT NULL violation), when it names one. */
	protected @Nullable String failedColumn(SQLException e) {
		return null;
	}

	@Override
	public long load(CatalogTarget target, Relation relation, List<String> columns, RowSource rows,
			Cancellation cancel) {
		String insert = JdbcTableLoad.insert(sql.dialect(), relation, columns);
		return CatalogJdbc.withConnection(target.pool(relation.database()),
				c -> new JdbcTableLoad(this::bind, this::failedColumn, cancel).run(c, insert, columns.size(), rows));
	}

	@Override
	public Page read(CatalogTarget target, PageRequest request) {
		Relation r = request.relation();
		boolean keyset = !r.key().isEmpty();
		Statement select = sql.select(request, keyset);
		return CatalogJdbc.withConnection(target.pool(r.database()), c -> {
			try (PreparedStatement ps = prepare(c, select, target.statementTimeout());
					ResultSet rs = ps.executeQuery()) {
				List<ResultColumn> columns = columns(rs.getMetaData());
				List<List<@Nullable String>> rows = new ArrayList<>();
				while (rs.next() && rows.size() <= request.limit()) {
					rows.add(row(rs, columns));
				}
				boolean more = rows.size() > request.limit();
				if (more) {
					rows.removeLast();
				}
				List<@Nullable String> next = keyset && more ? cursor(request, columns, rows.getLast()) : null;
				return new Page(columns, rows, keyset ? Paging.KEYSET : Paging.OFFSET, more, next);
			}
		});
	}

	private static List<@Nullable String> cursor(PageRequest request, List<ResultColumn> columns,
			List<@Nullable String> last) {
		List<@Nullable String> cursor = new ArrayList<>();
		if (request.sort() != null) {
			cursor.add(last.get(index(columns, request.sort().column())));
		}
		request.relation().key().forEach(k -> cursor.add(last.get(index(columns, k))));
		return cursor;
	}

	private static int index(List<ResultColumn> columns, String name) {
		for (int i = 0; i < columns.size(); i++) {
			if (columns.get(i).name().equals(name)) {
				return i;
			}
		}
		throw new IllegalStateException("No column " + name + " in the result");
	}

	@Override
	public long count(CatalogTarget target, Relation relation, List<Filter> filters, Duration timeout) {
		Statement count = sql.count(relation, filters);
		return CatalogJdbc.withConnection(target.pool(relation.database()), c -> {
			try (PreparedStatement ps = prepare(c, count, timeout); ResultSet rs = ps.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		});
	}

	@Override
	public List<Statement> plan(Relation relation, List<RowChange> changes) {
		return changes.stream().map(change -> sql.write(relation, change)).toList();
	}

	@Override
	public ChangeResult apply(CatalogTarget target, Relation relation, List<RowChange> changes) {
		return CatalogJdbc.withConnection(target.pool(relation.database()), c -> {
			boolean autoCommit = c.getAutoCommit();
			c.setAutoCommit(false);
			try {
				ChangeResult result = applyAll(c, target.statementTimeout(), relation, changes);
				c.commit();
				return result;
			}
			catch (SQLException | RuntimeException e) {
				c.rollback();
				if (e instanceof SQLException sqlError) {
					throw new StatementFailed(sqlError.getMessage(), sqlError.getSQLState(), null, false, e);
				}
				throw e;
			}
			finally {
				c.setAutoCommit(autoCommit);
			}
		});
	}

	private ChangeResult applyAll(Connection c, Duration timeout, Relation relation, List<RowChange> changes)
			throws SQLException {
		int updated = 0;
		int inserted = 0;
		int deleted = 0;
		for (int i = 0; i < changes.size(); i++) {
			RowChange change = changes.get(i);
			if (change.kind() != ChangeKind.INSERT) {
				requireUnchanged(c, timeout, relation, change, i);
			}
			Statement write = sql.write(relation, change);
			try (PreparedStatement ps = prepare(c, write, timeout)) {
				int n = ps.executeUpdate();
				switch (change.kind()) {
					case UPDATE -> updated += n;
					case INSERT -> inserted += n;
					case DELETE -> deleted += n;
				}
			}
		}
		return new ChangeResult(updated, inserted, deleted);
	}

	/** Reads the row under lock and compares it, as rendered, with the values the client saw. */
	private void requireUnchanged(Connection c, Duration timeout, Relation relation, RowChange change, int index)
			throws SQLException {
		Statement current = sql.current(relation, change);
		try (PreparedStatement ps = prepare(c, current, timeout); ResultSet rs = ps.executeQuery()) {
			List<ResultColumn> columns = columns(rs.getMetaData());
			if (!rs.next()) {
				throw new RowConflict(index, "Row " + describe(change.key()) + " no longer exists");
			}
			List<@Nullable String> row = row(rs, columns);
			for (Map.Entry<String, @Nullable String> e : change.original().entrySet()) {
				String now = row.get(index(columns, e.getKey()));
				if (!Objects.equals(now, e.getValue())) {
					throw new RowConflict(index, "Row " + describe(change.key()) + " changed since it was read: "
							+ e.getKey() + " is now " + (now == null ? "NULL" : "'" + now + "'"));
				}
			}
		}
	}

	private static String describe(Map<String, @Nullable String> key) {
		return key.toString();
	}

	private PreparedStatement prepare(Connection c, Statement statement, Duration timeout) throws SQLException {
		PreparedStatement ps = c.prepareStatement(statement.sql());
		try {
			ps.setQueryTimeout(CatalogJdbc.seconds(timeout));
			for (int i = 0; i < statement.params().size(); i++) {
				bind(ps, i + 1, statement.params().get(i));
			}
			return ps;
		}
		catch (SQLException | RuntimeException e) {
			ps.close();
			throw e;
		}
	}

	private static List<ResultColumn> columns(ResultSetMetaData md) throws SQLException {
		List<ResultColumn> columns = new ArrayList<>();
		for (int i = 1; i <= md.getColumnCount(); i++) {
			columns.add(ValueRendering.column(md, i));
		}
		return columns;
	}

	private List<@Nullable String> row(ResultSet rs, List<ResultColumn> columns) throws SQLException {
		List<@Nullable String> row = new ArrayList<>(columns.size());
		for (int i = 0; i < columns.size(); i++) {
			row.add(ValueRendering.render(rs, i + 1, columns.get(i), dynamicTypes()));
		}
		return row;
	}
}
