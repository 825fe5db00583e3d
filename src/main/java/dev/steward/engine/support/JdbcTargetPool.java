package dev.steward.engine.support;

import javax.sql.DataSource;

import dev.steward.engine.TargetPool;

/** A pool for an engine spoken to over JDBC (HikariCP underneath). */
public interface JdbcTargetPool extends TargetPool {

	DataSource dataSource();
}
