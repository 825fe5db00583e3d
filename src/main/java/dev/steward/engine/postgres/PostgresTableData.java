package dev.steward.engine.postgres;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.steward.engine.EngineKind;
import dev.steward.engine.TableData.Relation;
import dev.steward.engine.support.CatalogJdbc;
import dev.steward.engine.support.DataSql;
import dev.steward.engine.support.JdbcTableData;

/** The data grid on PostgreSQL: values travel untyped, so the server reads each as its column's type. */
@Component
public class PostgresTableData extends JdbcTableData {

	public PostgresTableData() {
		super(new DataSql.Dialect() {

			@Override
			public String quote(String identifier) {
				return CatalogJdbc.quoteDouble(identifier);
			}

			@Override
			public String qualified(Relation relation) {
				return quote(relation.schema()) + "." + quote(relation.name());
			}

			@Override
			public String asText(String quotedColumn) {
				return "CAST(" + quotedColumn + " AS text)";
			}

			@Override
			public String like() {
				return "ILIKE";
			}
		});
	}

	@Override
	public EngineKind engine() {
		return EngineKind.POSTGRESQL;
	}

	/** Bound as "unknown" (not varchar), so {@code int_col > ?} and {@code INSERT} into a jsonb column both work. */
	@Override
	protected void bind(PreparedStatement ps, int index, @Nullable String value) throws SQLException {
		if (value == null) {
			ps.setNull(index, Types.OTHER);
		}
		else {
			ps.setObject(index, value, Types.OTHER);
		}
	}

	/** The column PostgreSQL names in a NOT NULL or check violation, when it names one. */
	@Override
	protected @Nullable String failedColumn(SQLException e) {
		if (e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
			return p.getServerErrorMessage().getColumn();
		}
		return null;
	}
}
