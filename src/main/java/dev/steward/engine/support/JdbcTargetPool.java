package dev.steward.engine;

import javax.sql.DataSource;

/** A pool for an engine spoken to over JDBC (HikariCP underneath). */
public interface JdbcTargetPool extends TargetPool {

	DataSource dataSource();
}
