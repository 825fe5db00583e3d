package dev.steward.engine.sqlite;

import org.springframework.stereotype.Component;

import dev.steward.engine.EngineKind;
import dev.steward.engine.TableData.Relation;
import dev.steward.engine.support.CatalogJdbc;
import dev.steward.engine.support.DataSql;
import dev.steward.engine.support.JdbcTableData;

/**
 * The data grid on SQLite: values are rendered from what each row holds (its types are per value), and a write
 * transaction already excludes other writers, so the original-value check needs no row lock.
 */
@Component
public class SqliteTableData extends JdbcTableData {

	public SqliteTableData() {
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
				return "CAST(" + quotedColumn + " AS TEXT)";
			}

			@Override
			public String forUpdate() {
				return "";
			}
		});
	}

	@Override
	public EngineKind engine() {
		return EngineKind.SQLITE;
	}

	@Override
	protected boolean dynamicTypes() {
		return true;
	}
}
