package dev.steward.engine.mysql;

import org.springframework.stereotype.Component;

import dev.steward.engine.EngineKind;
import dev.steward.engine.TableData.Relation;
import dev.steward.engine.support.CatalogJdbc;
import dev.steward.engine.support.DataSql;
import dev.steward.engine.support.JdbcTableData;

/** The data grid on MySQL and MariaDB, whose schemas are its databases. */
@Component
public class MysqlTableData extends JdbcTableData {

	public MysqlTableData() {
		super(new DataSql.Dialect() {

			@Override
			public String quote(String identifier) {
				return CatalogJdbc.quoteBacktick(identifier);
			}

			@Override
			public String qualified(Relation relation) {
				return quote(relation.schema()) + "." + quote(relation.name());
			}

			@Override
			public String asText(String quotedColumn) {
				return "CAST(" + quotedColumn + " AS CHAR)";
			}
		});
	}

	@Override
	public EngineKind engine() {
		return EngineKind.MYSQL;
	}
}
