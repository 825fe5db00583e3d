package dev.steward.engine;

/**
 * The base table column a result column reads, as the driver reports it (pgjdbc's base names, MariaDB's original
 * table and column). {@code schema} is the database on engines without schemas.
 */
public record ColumnOrigin(String schema, String table, String column) {
}
